import { rotationIntervalHours } from '../../../lib/policy/model/rotation';
import { TemplateModel } from '../../../lib/policy/model/template-model';

function hours(rules: unknown) {
  const model = TemplateModel.fromTemplate({
    Resources: {
      R: {
        Type: 'AWS::SecretsManager::RotationSchedule',
        Properties: { RotationRules: rules as never },
      },
    },
  });
  return rotationIntervalHours(model, model.get('R')!);
}

describe('rotationIntervalHours: the longest gap a schedule allows', () => {
  test.each([
    [{ AutomaticallyAfterDays: 30 }, 720],
    [{ AutomaticallyAfterDays: '2' }, 48],
    [{ ScheduleExpression: 'rate(4 hours)' }, 4],
    [{ ScheduleExpression: 'rate(1 day)' }, 24],
    [{ ScheduleExpression: 'rate(90 minutes)' }, 1.5],
    [{ ScheduleExpression: 'cron(0 * * * ? *)' }, 1],
    [{ ScheduleExpression: 'cron(0 */8 * * ? *)' }, 8],
    [{ ScheduleExpression: 'cron(0 2,8 * * ? *)' }, 18],
    [{ ScheduleExpression: 'cron(0 9-17 * * ? *)' }, 16],
    [{ ScheduleExpression: 'cron(0 4 */3 * ? *)' }, 72],
    [{ ScheduleExpression: 'cron(0 4 1 * ? *)' }, 744],
    [{ ScheduleExpression: 'cron(0 4 ? * MON-FRI *)' }, 72],
    [{ ScheduleExpression: 'cron(0 4 ? * SUN *)' }, 168],
  ])('%j → %d h', (rules, h) => {
    expect(hours(rules)).toBe(h);
  });

  test.each([
    [{}],
    [{ ScheduleExpression: 'cron(0 4 L * ? *)' }],
    [{ ScheduleExpression: 'at(2026-01-01T00:00:00)' }],
  ])('%j cannot be read', (rules) => {
    expect(hours(rules)).toBeUndefined();
  });
});
