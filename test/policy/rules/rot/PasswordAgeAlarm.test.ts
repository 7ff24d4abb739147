import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-ROT-2';

describe('BG-ROT-2 PasswordAgeAlarm', () => {
  test('Compliance: the manual password has its age alarm', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: no age alarm', () => {
    const w = world();
    delete (w as Record<string, unknown>).GatewayPasswordAgeAlarm;
    expect(judge(w, RULE)).toEqual([`${RULE} GatewayPasswordSecret`]);
  });

  test('Noncompliance: the alarm watches another credential', () => {
    const w = world();
    w.GatewayPasswordAgeAlarm.Properties.Dimensions[0].Value = 'paper/automation/other';
    expect(judge(w, RULE)).toEqual([`${RULE} GatewayPasswordSecret`]);
  });

  test('Compliance: a metric-math alarm on the age metric counts', () => {
    const w = world();
    const p = w.GatewayPasswordAgeAlarm.Properties;
    p.Metrics = [
      {
        Id: 'age',
        MetricStat: {
          Metric: { Namespace: p.Namespace, MetricName: p.MetricName, Dimensions: p.Dimensions },
          Period: 3600,
          Stat: 'Maximum',
        },
      },
    ];
    for (const k of ['Namespace', 'MetricName', 'Dimensions', 'Statistic', 'Period']) delete p[k];
    expect(judge(w, RULE)).toEqual([]);
  });
});
