import { defaultAssumptions } from '../../lib/cost/assumptions';
import { customMetrics, firesPerMonth, templateUsage } from '../../lib/cost/usage';
import { TemplateModel } from '../../lib/policy/model/template-model';

const fn = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { MemorySize: 256, ...extra },
});
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const rule = (target: string, props: Record<string, unknown>) => ({
  Type: 'AWS::Events::Rule',
  Properties: { ...props, Targets: [{ Id: 't', Arn: arn(target) }] },
});

describe('firesPerMonth', () => {
  test.each([
    ['rate(1 minute)', 43_800],
    ['rate(5 minutes)', 8_760],
    ['rate(1 hour)', 730],
    ['rate(12 hours)', 730 / 12],
    ['rate(1 day)', 730 / 24],
    ['cron(0 12 * * ? *)', 730 / 24],
    ['cron(0/15 9-16 ? * MON-FRI *)', 4 * 8 * 5 * (730 / 24 / 7)],
    ['cron(0 0 1 * ? *)', 1],
    ['cron(30 6 ? * MON *)', 730 / 24 / 7],
    ['cron(0 0 1 JAN,JUL ? *)', 2 / 12],
    ['at(2026-01-01T00:00:00)', 0],
  ])('%s fires %d times a month', (expr, n) => {
    expect(firesPerMonth(expr)).toBeCloseTo(n, 6);
  });

  test.each(['every day', 'cron(0 12 * * ?)', 'rate(0 minutes)', 'cron(x 12 * * ? *)'])(
    '%s cannot be counted',
    (expr) => {
      expect(firesPerMonth(expr)).toBeUndefined();
    },
  );
});

describe('templateUsage', () => {
  const model = TemplateModel.fromTemplate({
    Resources: {
      Ticker: fn({ LoggingConfig: { LogGroup: { Ref: 'TickerLog' } } }),
      TickerLog: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      TickRule: rule('Ticker', { ScheduleExpression: 'rate(5 minutes)' }),
      AlarmRule: rule('Ticker', { EventPattern: { source: ['aws.cloudwatch'] } }),
      OffRule: rule('Ticker', { ScheduleExpression: 'rate(1 minute)', State: 'DISABLED' }),
      OddRule: rule('Ticker', { ScheduleExpression: 'cron(every day)' }),
      Rotator: fn(),
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
      Schedule: {
        Type: 'AWS::SecretsManager::RotationSchedule',
        Properties: {
          SecretId: { Ref: 'Secret' },
          RotationLambdaARN: arn('Rotator'),
          RotationRules: { AutomaticallyAfterDays: 1 },
        },
      },
      Classifier: fn(),
      AppLog: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Subscription: {
        Type: 'AWS::Logs::SubscriptionFilter',
        Properties: { LogGroupName: { Ref: 'AppLog' }, DestinationArn: arn('Classifier') },
      },
      Step: fn(),
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: {
            'Fn::Join': [
              '',
              [
                '{"States":{"A":{"Type":"Task","Resource":"',
                arn('Step'),
                '","Next":"B"},"B":{"Type":"Task","Resource":"',
                arn('Step'),
                '","End":true}}}',
              ],
            ],
          },
        },
      },
    },
  });
  const running = defaultAssumptions().values.running;
  const usage = templateUsage(model, running);

  test('schedules and event rules invoke their targets; disabled rules do not', () => {
    const ticker = usage.invocations.get('Ticker')!;
    expect(ticker.perMonth).toBeCloseTo(8_760 + running.eventInvocationsPerRule, 6);
    expect(ticker.sources).toEqual([
      'rule TickRule rate(5 minutes): 8,760',
      'rule AlarmRule (events, assumed): 10',
    ]);
    expect(usage.uncounted).toEqual(['OddRule: cron(every day)']);
  });

  test('a rotation schedule invokes its function four times per rotation', () => {
    expect(usage.invocations.get('Rotator')!.perMonth).toBeCloseTo((730 / 24) * 4, 6);
  });

  test('a subscription invokes its function per delivered batch of the source log', () => {
    // 300 MB of gateway log a month, delivered 4 KB at a time
    expect(usage.invocations.get('Classifier')!.perMonth).toBeCloseTo((300 * 1024) / 4, 6);
    expect(usage.logMb.get('AppLog')).toBe(300);
  });

  test('a state machine invokes each function as often as its definition names it', () => {
    expect(usage.invocations.get('Step')!.perMonth).toBe(2);
  });

  test('a function writes 1 KB per invocation to its log group', () => {
    expect(usage.functionLogGroup.get('Ticker')).toBe('TickerLog');
    expect(usage.logMb.get('TickerLog')).toBeCloseTo(8_770 / 1024, 6);
  });
});

describe('customMetrics', () => {
  const alarm = (namespace: string, name: string, dims: Record<string, string> = {}) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      Namespace: namespace,
      MetricName: name,
      Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
      Period: 60,
    },
  });

  test('each custom metric once, under the first resource that needs it; AWS metrics are free', () => {
    const model = TemplateModel.fromTemplate({
      Resources: {
        AgeA: alarm('BrokerGuard', 'CredentialAgeDays', { Credential: 'a' }),
        AgeA2: alarm('BrokerGuard', 'CredentialAgeDays', { Credential: 'a' }),
        AgeB: alarm('BrokerGuard', 'CredentialAgeDays', { Credential: 'b' }),
        Login: alarm('BrokerGuard/Login', 'LoginEvents', {
          Event: 'login_failed',
          Segment: 'automation',
        }),
        Errors: alarm('AWS/Lambda', 'Errors'),
        Filter: {
          Type: 'AWS::Logs::MetricFilter',
          Properties: {
            MetricTransformations: [
              { MetricNamespace: 'BrokerGuard/CIS', MetricName: 'RootUse', MetricValue: '1' },
            ],
          },
        },
        OnFilter: alarm('BrokerGuard/CIS', 'RootUse'),
        Other: alarm('Acme', 'Orders'),
      },
    });
    const m = customMetrics(model);
    expect([...m.keys()].sort()).toEqual(['AgeA', 'AgeB', 'Filter', 'Login', 'Other']);
    expect(m.get('AgeA')).toEqual([expect.objectContaining({ hours: 'always', count: 1 })]);
    expect(m.get('Login')).toEqual([
      expect.objectContaining({ hours: 'loginEventMetricHours', count: 2 }),
    ]);
    expect(m.get('Filter')).toEqual([expect.objectContaining({ hours: 'sparseMetricHours' })]);
    expect(m.get('Other')).toEqual([
      expect.objectContaining({ hours: 'always', why: expect.stringMatching(/publisher unknown/) }),
    ]);
  });
});
