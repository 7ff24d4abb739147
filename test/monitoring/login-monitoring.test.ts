import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Template } from 'aws-cdk-lib/assertions';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { CredentialClass, Segment } from '../../lib/contracts';
import { ManualCredential } from '../../lib/credentials/manual-credential';
import { LoginMonitoring } from '../../lib/monitoring/login-monitoring';
import { AccessSegment } from '../../lib/segments/access-segment';
import { SegmentTrust } from '../../lib/segments/segment-trust';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { template, testStack } from '../helpers/stack';
import {
  CREDENTIALS,
  IBEAM_SOURCE,
  alarmsByName,
  monitoringStack,
  rulesByName,
} from './monitoring-fixture';

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
    expect(monitoring.alarmedSegments.map((s) => s.segmentName)).toEqual([
      'automation',
      'execution',
    ]);
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
        'Runbook: docs/runbooks.md#runbook-failed-login-burst',
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
    // automation has the deployment's own login log group; approvals and admin have none
    expect(alarms['paper-automation-heartbeat-missing']).toBeDefined();
    expect(alarms['paper-approvals-heartbeat-missing']).toBeUndefined();
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
    // the credentials' own age and rotation-overdue alarms are not LoginMonitoring's
    const own = Object.keys(alarms).filter((n) => !/-(age|rotation-overdue)$/.test(n));
    expect(monitoring.alarms.length).toBe(own.length);
    for (const a of Object.values(alarms)) {
      expect(a.AlarmActions).toEqual([ALERT_TOPIC]);
      expect(a.AlarmDescription).toMatch(
        /^BrokerGuard \[paper\] .+\nSegment: .+ \| Category: .+\nFirst step: .+\nRunbook: docs\/runbooks\.md#runbook-[a-z-]+$/,
      );
    }
  });
});

describe('LoginMonitoring: defaults and validation', () => {
  /** Segments, an alert channel and nothing else: LoginMonitoring from typed props alone. */
  function bare() {
    const stack = testStack();
    const segments = segmentsFromConfig(
      stack,
      parseConfig({ alerts: { email: ['t@example.com'] } }),
    );
    const alerts = new AlertChannel(stack, 'Alerts', {
      segment: segments.approvals,
      subscriptions: { email: ['trader@example.com'] },
    });
    return { stack, segments, alerts };
  }

  test('without log sources there is no classifier and no heartbeat alarm', () => {
    const { stack, segments, alerts } = bare();
    const monitoring = new LoginMonitoring(stack, 'Monitoring', {
      alerts,
      segments: [segments.automation],
    });
    expect(monitoring.classifier).toBeUndefined();
    const t = template(stack);
    t.resourceCountIs('AWS::Lambda::Function', 0);
    const names = Object.keys(alarmsByName(t));
    expect(names).toContain('paper-automation-failed-login-burst');
    expect(names.some((n) => n.includes('heartbeat'))).toBe(false);
  });

  test('a deployment with neither credentials nor log sources still gets detections, and no dashboard unless asked', () => {
    const { stack, alerts } = bare();
    const monitoring = new LoginMonitoring(stack, 'Monitoring', { alerts });
    const t = template(stack);
    expect(Object.keys(alarmsByName(t))).toEqual([]);
    expect(Object.keys(rulesByName(t))).toContain('brokerguard-paper-root-activity');
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(monitoring.dashboard).toBeUndefined();
  });

  test('dashboard: true adds the deployment dashboard', () => {
    const { stack, alerts } = bare();
    const monitoring = new LoginMonitoring(stack, 'Monitoring', { alerts, dashboard: true });
    const t = template(stack);
    t.resourcePropertiesCountIs(
      'AWS::CloudWatch::Dashboard',
      { DashboardName: 'brokerguard-paper' },
      1,
    );
    expect(monitoring.dashboard).toBeDefined();
  });

  test('a credential built with the kit gives its segment the login alarms and a foreign-read rule', () => {
    const { stack, segments, alerts } = bare();
    const key = new ManualCredential(stack, 'ApiKey', {
      segment: segments.execution,
      name: 'desk-key',
      credentialClass: CredentialClass.API_KEY,
      alerts,
    });
    const monitoring = new LoginMonitoring(stack, 'Monitoring', { alerts, credentials: [key] });
    expect(monitoring.alarmedSegments).toEqual([segments.execution]);
    expect(Object.keys(monitoring.foreignReadRules)).toEqual(['execution']);
    const names = Object.keys(alarmsByName(template(stack)));
    expect(names).toEqual(
      expect.arrayContaining([
        'paper-execution-failed-login-burst',
        'paper-execution-second-factor',
        'paper-execution-new-device',
        'paper-execution-entitlement',
        'paper-execution-competing-session',
      ]),
    );
    expect(names.some((n) => n.startsWith('paper-automation-'))).toBe(false);
  });

  test.each([
    [
      { thresholds: { failedLoginBurst: 0 } },
      /thresholds.failedLoginBurst: must be a whole number from 1 to 100, got 0/,
    ],
    [
      { reloginGrace: Duration.seconds(90) },
      /reloginGrace: must be whole minutes from 1 to 60, got 1 minute 30 seconds/,
    ],
    [
      { heartbeatWindow: Duration.hours(2) },
      /heartbeatWindow: must be whole minutes from 1 to 60, got 2 hours/,
    ],
  ])('refuses a bad value: %j', (extra, message) => {
    const { stack, alerts } = bare();
    expect(() => new LoginMonitoring(stack, 'Monitoring', { alerts, ...extra })).toThrow(message);
  });

  test('refuses a segment of another deployment', () => {
    const { stack, alerts } = bare();
    const other = new AccessSegment(stack, 'Other', {
      segment: Segment.EXECUTION,
      deploymentName: 'live',
      trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
    });
    expect(() => new LoginMonitoring(stack, 'Monitoring', { alerts, segments: [other] })).toThrow(
      /segment Test\/Other belongs to deployment "live", the alert channel to "paper"/,
    );
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
