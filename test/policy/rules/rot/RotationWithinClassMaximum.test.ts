import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-ROT-1';

function withSchedule(rules: Record<string, unknown>) {
  const w = world();
  w.SessionRotation.Properties.RotationRules = rules;
  return w;
}

describe('BG-ROT-1 RotationWithinClassMaximum', () => {
  test.each([
    [{ ScheduleExpression: 'rate(12 hours)' }],
    [{ ScheduleExpression: 'rate(1 day)' }],
    [{ ScheduleExpression: 'cron(0 */6 * * ? *)' }],
    [{ ScheduleExpression: 'cron(15 4,16 * * ? *)' }],
    [{ AutomaticallyAfterDays: 1 }],
  ])('Compliance: session token rotated by %j', (rules) => {
    expect(judge(withSchedule(rules), RULE)).toEqual([]);
  });

  test('Noncompliance: a session token without rotation', () => {
    const w = world();
    delete (w as Record<string, unknown>).SessionRotation;
    expect(judge(w, RULE)).toEqual([`${RULE}[NoRotation] SessionSecret`]);
  });

  test.each([
    [{ ScheduleExpression: 'rate(2 days)' }],
    [{ ScheduleExpression: 'cron(0 4 ? * MON *)' }],
    [{ AutomaticallyAfterDays: 30 }],
  ])('Noncompliance: session token rotated by %j exceeds 24 h', (rules) => {
    expect(judge(withSchedule(rules), RULE)).toEqual([`${RULE}[IntervalTooLong] SessionSecret`]);
  });

  test('Noncompliance: a schedule that cannot be read', () => {
    expect(judge(withSchedule({ ScheduleExpression: 'cron(0 4 L * ? *)' }), RULE)).toEqual([
      `${RULE}[UnreadableSchedule] SessionSecret`,
    ]);
  });

  test('api keys may wait 90 days, not 91', () => {
    const w = withSchedule({ AutomaticallyAfterDays: 90 });
    w.SessionSecret.Properties.Tags[1].Value = 'api-key';
    expect(judge(w, RULE)).toEqual([]);
    w.SessionRotation.Properties.RotationRules = { ScheduleExpression: 'rate(91 days)' };
    expect(judge(w, RULE)).toEqual([`${RULE}[IntervalTooLong] SessionSecret`]);
  });
});
