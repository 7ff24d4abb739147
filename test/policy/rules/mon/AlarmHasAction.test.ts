import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-MON-2';

describe('BG-MON-2 AlarmHasAction', () => {
  test('Compliance: every alarm notifies the alert topic', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: no alarm action', () => {
    const w = world();
    delete w.GatewayPasswordAgeAlarm.Properties.AlarmActions;
    expect(judge(w, RULE)).toEqual([`${RULE} GatewayPasswordAgeAlarm`]);
  });

  test('Noncompliance: actions disabled', () => {
    const w = world();
    w.GatewayPasswordAgeAlarm.Properties.ActionsEnabled = false;
    expect(judge(w, RULE)).toEqual([`${RULE} GatewayPasswordAgeAlarm`]);
  });

  test('Noncompliance: a composite alarm without actions', () => {
    const w = world();
    w.Composite = {
      Type: 'AWS::CloudWatch::CompositeAlarm',
      Properties: { AlarmRule: 'ALARM(x)' },
    };
    expect(judge(w, RULE)).toEqual([`${RULE} Composite`]);
  });
});
