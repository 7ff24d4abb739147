import { LoginMonitoring } from '../../lib/monitoring/login-monitoring';
import { Template } from 'aws-cdk-lib/assertions';
import { CREDENTIALS, IBEAM_SOURCE, alarmsByName, monitoringStack } from './monitoring-fixture';

const ALERT_TOPIC = { Ref: expect.stringMatching(/^AlertsTopic/) };

function metricOf(alarm: any) {
  return {
    ns: alarm.Namespace,
    name: alarm.MetricName,
    dims: alarm.Dimensions,
    stat: alarm.Statistic,
    period: alarm.Period,
  };
}

describe('LoginMonitoring: per-segment login alarms', () => {
  const { monitoring, template } = monitoringStack({
    credentials: CREDENTIALS,
    monitoring: {
      logSources: [{ ...IBEAM_SOURCE, segment: 'execution' }],
      thresholds: { failedLoginBurst: 4 },
    },
  });
  const t: Template = template();
  const alarms = alarmsByName(t);

  test('segments with a credential or a log source get the alarms, others none', () => {
    expect(monitoring.alarmedSegments).toEqual(['automation', 'execution']);
    expect(
      Object.keys(alarms).filter(
        (n) => n.startsWith('paper-approvals-') || n.startsWith('paper-admin-'),
      ),
    ).toEqual([]);
  });

  test('failed-login burst: Sum of login_failed over one 5-minute period at the configured threshold', () => {
    const a = alarms['paper-automation-failed-login-burst'];
    expect(metricOf(a)).toEqual({
      ns: 'BrokerGuard/Login',
      name: 'LoginEvents',
      dims: [
        { Name: 'Event', Value: 'login_failed' },
        { Name: 'Segment', Value: 'automation' },
      ],
      stat: 'Sum',
      period: 300,
    });
    expect(a).toMatchObject({
      Threshold: 4,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [ALERT_TOPIC],
    });
    expect(a.AlarmDescription).toBe(
      [
        'BrokerGuard [paper] failed-login burst: 4 or more failed logins in 5 minutes',
        'Segment: automation | Category: identity',
        "First step: pause automation before IBKR locks the account, then check the password in the segment's secret.",
        'Runbook: README.md#runbook-failed-login-burst',
      ].join('\n'),
    );
  });

  test.each([
    ['competing-session', 'session_competing', 'device_session'],
    ['new-device', 'device_registered', 'device_session'],
    ['lockout-risk', 'lockout_risk', 'identity'],
    ['login-outside-hours', 'login_outside_hours', 'identity'],
  ])('%s: Sum of %s per 60 s, threshold 1, to the alert channel', (key, event, category) => {
    const a = alarms[`paper-execution-${key}`];
    expect(metricOf(a)).toEqual({
      ns: 'BrokerGuard/Login',
      name: 'LoginEvents',
      dims: [
        { Name: 'Event', Value: event },
        { Name: 'Segment', Value: 'execution' },
      ],
      stat: 'Sum',
      period: 60,
    });
    expect(a).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, AlarmActions: [ALERT_TOPIC] });
    expect(a.AlarmDescription).toContain(`Category: ${category}`);
  });

  test.each([
    ['second-factor', ['second_factor_failed', 'second_factor_timeout'], 'identity'],
    ['entitlement', ['entitlement_changed', 'entitlement_missing'], 'entitlement'],
  ])('%s: the sum of %j per 60 s', (key, events, category) => {
    const a = alarms[`paper-automation-${key}`];
    const expr = a.Metrics.find((m: any) => m.Expression);
    expect(expr.Expression).toBe('FILL(m0, 0) + FILL(m1, 0)');
    const stats = a.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat);
    expect(
      stats.map((s: any) => [s.Metric.Namespace, s.Metric.MetricName, s.Stat, s.Period]),
    ).toEqual([
      ['BrokerGuard/Login', 'LoginEvents', 'Sum', 60],
      ['BrokerGuard/Login', 'LoginEvents', 'Sum', 60],
    ]);
    expect(
      stats.map((s: any) => s.Metric.Dimensions.find((d: any) => d.Name === 'Event').Value),
    ).toEqual(events);
    expect(a).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, AlarmActions: [ALERT_TOPIC] });
    expect(a.AlarmDescription).toContain(`Category: ${category}`);
  });

  test('session expired without re-login: one window as long as the configured grace', () => {
    const a = alarms['paper-automation-session-expired'];
    const expr = a.Metrics.find((m: any) => m.Expression);
    expect(expr.Expression).toBe(
      'IF(FILL(expired, 0) > 0 AND FILL(relogin, 0) + FILL(healthy, 0) == 0, 1, 0)',
    );
    expect(
      a.Metrics.filter((m: any) => m.MetricStat).every((m: any) => m.MetricStat.Period === 600),
    ).toBe(true);
    expect(a).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, AlarmActions: [ALERT_TOPIC] });
  });

  test('heartbeat: only for segments with a log source, gated by the trading-hours tick', () => {
    expect(alarms['paper-automation-heartbeat-missing']).toBeUndefined();
    const a = alarms['paper-execution-heartbeat-missing'];
    expect(a.Metrics.find((m: any) => m.Expression).Expression).toBe(
      'IF(FILL(tick, 0) > 0 AND FILL(healthy, 0) + FILL(login, 0) == 0, 1, 0)',
    );
    const tick = a.Metrics.find((m: any) => m.Id === 'tick').MetricStat;
    expect(tick.Metric).toEqual({
      Namespace: 'BrokerGuard/Login',
      MetricName: 'TradingHoursTick',
      Dimensions: [{ Name: 'Deployment', Value: 'paper' }],
    });
    expect(tick.Period).toBe(300);
  });

  test('rotation overdue: a rotating credential older than two rotation intervals', () => {
    const session = alarms['paper-automation-ibkr-session-rotation-overdue'];
    expect(session).toMatchObject({
      Namespace: 'BrokerGuard',
      MetricName: 'CredentialAgeDays',
      Dimensions: [{ Name: 'Credential', Value: 'paper/automation/ibkr-session' }],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'ignore',
      AlarmActions: [ALERT_TOPIC],
    });
    // a manual credential's age alarm is ManualCredential's
    expect(alarms['paper-automation-ibkr-login-rotation-overdue']).toBeUndefined();
  });

  test('lockoutAlarms are the lock-out risk and failed-login burst alarms of each segment', () => {
    const names = monitoring.lockoutAlarms
      .map((a) => (a.node.defaultChild as any).alarmName)
      .sort();
    expect(names).toEqual([
      'paper-automation-failed-login-burst',
      'paper-automation-lockout-risk',
      'paper-execution-failed-login-burst',
      'paper-execution-lockout-risk',
    ]);
  });

  test('every alarm has an action to the alert channel and a description in the one format', () => {
    expect(monitoring.alarms.length).toBe(Object.keys(alarms).length);
    for (const a of Object.values(alarms)) {
      expect(a.AlarmActions).toEqual([ALERT_TOPIC]);
      expect(a.AlarmDescription).toMatch(
        /^BrokerGuard \[paper\] .+\nSegment: .+ \| Category: .+\nFirst step: .+\nRunbook: README\.md#runbook-[a-z-]+$/,
      );
    }
  });
});

describe('LoginMonitoring: defaults and validation', () => {
  test('without log sources there is no classifier and no heartbeat alarm', () => {
    const { monitoring, template } = monitoringStack({ credentials: CREDENTIALS });
    expect(monitoring.classifier).toBeUndefined();
    template().resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(alarmsByName(template())).some((n) => n.includes('heartbeat'))).toBe(false);
  });

  test('a deployment with neither credentials nor log sources still gets detections and a dashboard', () => {
    const { template } = monitoringStack();
    expect(Object.keys(alarmsByName(template()))).toEqual([]);
    template().resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  test('refuses the automation segment as owner of what watches it', () => {
    expect(() => {
      const fixture = monitoringStack();
      new LoginMonitoring(fixture.stack, 'Again', {
        alerts: fixture.alerts,
        owner: fixture.segments.automation,
      });
    }).toThrow(/owner: got the automation segment; allowed: execution, approvals or admin/);
  });
});
