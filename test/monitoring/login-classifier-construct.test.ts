import { IBEAM_SOURCE, monitoringStack } from './monitoring-fixture';
import { resourcesOf } from '../helpers/stack';

describe('LoginClassifier (construct)', () => {
  const f = monitoringStack({
    monitoring: {
      logSources: [
        IBEAM_SOURCE,
        {
          logGroupName: '/bot/execution',
          segment: 'execution',
          source: 'bot',
          deviceIdFrom: 'none',
        },
      ],
      loginWindows: [{ start: '23:40', end: '23:59' }],
    },
  });
  const t = f.template();
  const json = t.toJSON();
  const keyId = f.stack.getLogicalId(f.segments.approvals.key.node.defaultChild as any);
  const keyStatements: any[] = json.Resources[keyId].Properties.KeyPolicy.Statement;

  test('the device registry is on demand, keyed (segment, deviceId) and encrypted with the approvals key', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'brokerguard-paper-devices',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'segment', KeyType: 'HASH' },
        { AttributeName: 'deviceId', KeyType: 'RANGE' },
      ],
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  test('DynamoDB may use the approvals key for the registry table only', () => {
    const s = keyStatements.find((x) => x.Sid === 'DeviceRegistryTableThroughDynamoDB');
    expect(s.Condition.StringEquals['kms:EncryptionContext:aws:dynamodb:tableName']).toBe(
      'brokerguard-paper-devices',
    );
    expect(JSON.stringify(s.Condition.StringEquals['kms:ViaService'])).toContain('dynamodb.');
  });

  test('the function is an approvals member that may only put items and write its own logs', () => {
    const fnRole = f.monitoring.classifier!.role;
    expect(f.segments.approvals.isMember(fnRole)).toBe(true);
    const roleId = f.stack.getLogicalId(fnRole.node.defaultChild as any);
    const [[, policy]] = resourcesOf(t, 'AWS::IAM::Policy').filter(([, p]) =>
      p.Properties.Roles.some((r: any) => r.Ref === roleId),
    );
    const actions = policy.Properties.PolicyDocument.Statement.map((s: any) => s.Action);
    expect(actions).toEqual([['logs:CreateLogStream', 'logs:PutLogEvents'], 'dynamodb:PutItem']);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/approvals/monitoring/login-classifier',
    });
  });

  test('the function knows each log source with its segment, the trading hours and the windows', () => {
    const [[, fn]] = resourcesOf(t, 'AWS::Lambda::Function');
    const env = fn.Properties.Environment.Variables;
    // The automation login log group is made in the stack: its name arrives as a Ref.
    const joined = env.LOG_SOURCES['Fn::Join'][1]
      .map((part: any) => (typeof part === 'string' ? part : `<Ref:${part.Ref}>`))
      .join('');
    expect(JSON.parse(joined)).toEqual([
      {
        logGroupName: expect.stringMatching(/^<Ref:AutomationLoginLog/),
        segment: 'automation',
        source: 'gateway',
        deviceIdFrom: 'log-stream',
      },
      {
        logGroupName: '/ibeam/paper',
        segment: 'automation',
        source: 'ibeam',
        deviceIdFrom: 'log-stream',
      },
      { logGroupName: '/bot/execution', segment: 'execution', source: 'bot', deviceIdFrom: 'none' },
    ]);
    expect(JSON.parse(env.TRADING_HOURS)).toEqual({
      timezone: 'America/New_York',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '09:30',
      end: '16:00',
      preOpenMinutes: 60,
    });
    expect(JSON.parse(env.LOGIN_WINDOWS)).toEqual([{ start: '23:40', end: '23:59' }]);
    expect(env.DEVICE_TABLE).toBe('brokerguard-paper-devices');
  });

  test('a subscription filter on each log group feeds the function', () => {
    const filters = resourcesOf(t, 'AWS::Logs::SubscriptionFilter').map(([, r]) => r.Properties);
    expect(filters.map((p) => [p.LogGroupName, p.FilterPattern])).toEqual([
      [{ Ref: expect.stringMatching(/^AutomationLoginLog/) }, ''],
      ['/ibeam/paper', ''],
      ['/bot/execution', ''],
    ]);
    t.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 3);
  });

  test('a one-minute schedule drives the trading-hours tick', () => {
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
  });

  test('the classifier has its own error alarm: Lambda errors plus survived failures', () => {
    const [alarm] = Object.values<any>(json.Resources).filter(
      (r) => r.Properties?.AlarmName === 'paper-login-classifier-errors',
    );
    const p = alarm.Properties;
    expect(p.Metrics.find((m: any) => m.Expression).Expression).toBe(
      'FILL(errors, 0) + FILL(failures, 0)',
    );
    const stat = (id: string) => p.Metrics.find((m: any) => m.Id === id).MetricStat;
    expect([
      stat('errors').Metric.Namespace,
      stat('errors').Metric.MetricName,
      stat('errors').Period,
    ]).toEqual(['AWS/Lambda', 'Errors', 60]);
    expect(stat('failures').Metric).toEqual({
      Namespace: 'BrokerGuard/Login',
      MetricName: 'ClassifierFailures',
      Dimensions: [{ Name: 'Deployment', Value: 'paper' }],
    });
    expect(p).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
  });

  test('refuses more log sources than the function environment holds', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...IBEAM_SOURCE,
      logGroupName: `/ibeam/paper-gateway-${i}`,
    }));
    expect(() => monitoringStack({ monitoring: { logSources: many } })).toThrow(
      /logSources take \d+ characters of the function environment, at most 3000 fit .* got 41 log groups/,
    );
  });
});
