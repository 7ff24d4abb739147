import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-MON-1';

describe('BG-MON-1 LoginAnomalyAlarms', () => {
  test('Compliance: both segments with credentials have all five alarms', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: the new-device alarm is missing, reported once on the first secret', () => {
    const w = world();
    delete (w as Record<string, unknown>).automationnewdeviceAlarm;
    expect(judge(w, RULE)).toEqual([`${RULE}[Missing::new-device] SessionSecret`]);
  });

  test('Noncompliance: a segment with credentials and no alarms at all', () => {
    const w = world();
    for (const id of Object.keys(w))
      if (id.startsWith('approvals')) delete (w as Record<string, unknown>)[id];
    expect(judge(w, RULE)).toEqual(
      ['competing-session', 'entitlement', 'failed-login-burst', 'new-device', 'second-factor'].map(
        (k) => `${RULE}[Missing::${k}] TotpSeedSecret`,
      ),
    );
  });

  test('Compliance: an alarm found by its metric when its name does not follow the convention', () => {
    const w = world();
    w.automationentitlementchangeAlarm.Properties.AlarmName = 'my-own-name';
    expect(judge(w, RULE)).toEqual([]);
  });

  test("Noncompliance: another segment's alarm does not count", () => {
    const w = world();
    const alarm = w.automationcompetingsessionAlarm.Properties;
    alarm.AlarmName = 'paper-execution-competing-session';
    alarm.Dimensions[0].Value = 'execution';
    expect(judge(w, RULE)).toEqual([`${RULE}[Missing::competing-session] SessionSecret`]);
  });
});
