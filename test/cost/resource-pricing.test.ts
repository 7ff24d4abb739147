import { applyAssumeFlag, defaultAssumptions, Scenario } from '../../lib/cost/assumptions';
import { priceResource } from '../../lib/cost/resource-pricing';
import { customMetrics, templateUsage } from '../../lib/cost/usage';
import { TemplateModel } from '../../lib/policy/model/template-model';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The price of `id` in `scenario`, with `assume` applied to the default assumptions. */
function price(resources: Resources, id: string, scenario: Scenario = 'running', assume?: string) {
  const model = TemplateModel.fromTemplate({ Resources: resources });
  const a = assume ? applyAssumeFlag(defaultAssumptions(), assume) : defaultAssumptions();
  const volumes = a.values[scenario];
  const p = priceResource(model.get(id)!, {
    model,
    scenario,
    volumes,
    usage: templateUsage(model, volumes),
    metrics: customMetrics(model),
  });
  return { ...p, usd: p.charges.reduce((t, c) => t + c.usd, 0) };
}

const service = (task: Record<string, unknown>, svc: Record<string, unknown> = {}): Resources => ({
  Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Cpu: '1024', Memory: '2048', ...task } },
  Service: {
    Type: 'AWS::ECS::Service',
    Properties: { TaskDefinition: { Ref: 'Task' }, LaunchType: 'FARGATE', DesiredCount: 0, ...svc },
  },
});

describe('Fargate services', () => {
  test('x86 running: 1 vCPU and 2 GB for 730 hours at the x86 prices', () => {
    const r = price(service({}), 'Service');
    expect(r.usd).toBeCloseTo(730 * (0.04048 + 2 * 0.004445), 6);
  });

  test('paused at DesiredCount 0 costs nothing; DesiredCount 2 runs in both scenarios', () => {
    expect(price(service({}), 'Service', 'paused').usd).toBe(0);
    const two = service({}, { DesiredCount: 2 });
    expect(price(two, 'Service', 'paused').usd).toBeCloseTo(2 * 730 * (0.04048 + 2 * 0.004445), 6);
    expect(price(two, 'Service', 'running').note).toBe('2 task(s)');
  });

  test('ARM64 tasks at the ARM prices, with a public IPv4 per task and extra ephemeral storage', () => {
    const r = price(
      service(
        { RuntimePlatform: { CpuArchitecture: 'ARM64' }, EphemeralStorage: { SizeInGiB: 30 } },
        { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } } },
      ),
      'Service',
      'running',
      'gatewayHoursPerMonth=100',
    );
    expect(r.charges.map((c) => c.what)).toEqual([
      '1 vCPU × 100 task-hours',
      '2 GB × 100 task-hours',
      'ephemeral storage above 20 GB',
      'public IPv4 address per task',
    ]);
    expect(r.usd).toBeCloseTo(100 * (0.03238 + 2 * 0.00356 + 10 * 0.000111 + 0.005), 6);
  });

  test.each([
    ['EC2 launch type', service({}, { LaunchType: 'EC2' }), /not on Fargate/],
    ['Cpu from a parameter', service({ Cpu: { Ref: 'Size' } }), /Cpu or Memory is not a literal/],
    [
      'Windows',
      service({ RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }),
      /Windows/,
    ],
  ])('%s is listed as not priced', (_what, resources, note) => {
    const r = price(resources, 'Service');
    expect(r.status).toBe('not-priced');
    expect(r.note).toMatch(note);
  });

  test('Fargate Spot is priced as on-demand and says so', () => {
    const r = price(
      service(
        {},
        { LaunchType: undefined, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT' }] },
      ),
      'Service',
    );
    expect(r.usd).toBeGreaterThan(0);
    expect(r.note).toMatch(/Spot priced as on-demand/);
  });
});

describe('other priced types', () => {
  test('a KMS key with rotation costs $1 more after each of its first two rotations', () => {
    const keys: Resources = {
      Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    };
    const at = (months: number) =>
      price(keys, 'Key', 'paused', `keyAgeMonths=${months},kmsRequestsPerKey=0`).usd;
    expect([at(0), at(11), at(13), at(25), at(60)]).toEqual([1, 1, 2, 3, 3]);
    const noRotation: Resources = { Key: { Type: 'AWS::KMS::Key', Properties: {} } };
    expect(price(noRotation, 'Key', 'paused', 'keyAgeMonths=60,kmsRequestsPerKey=0').usd).toBe(1);
  });

  test('a Lambda function: requests, GB-seconds at its architecture, and its log', () => {
    const resources: Resources = {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { MemorySize: 1024, Architectures: ['arm64'] },
      },
      Tick: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(1 minute)',
          Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }],
        },
      },
    };
    const r = price(
      resources,
      'Fn',
      'running',
      'lambdaAverageDurationMs=1000,lambdaLogKbPerInvocation=1024',
    );
    // 43,800 invocations × 1 s × 1 GB; 1 MB of log each
    expect(r.usd).toBeCloseTo(43_800 * 0.2e-6 + 43_800 * 0.0000133334 + (43_800 / 1024) * 0.5, 6);
    expect(r.note).toBe('rule Tick rate(1 minute): 43,800');
  });

  test('a function nothing invokes is priced at 0 invocations and says why', () => {
    const r = price({ Fn: { Type: 'AWS::Lambda::Function', Properties: {} } }, 'Fn');
    expect(r).toEqual(expect.objectContaining({ status: 'priced', usd: 0 }));
    expect(r.note).toMatch(/0 invocations assumed/);
  });

  test('a provisioned DynamoDB table pays for its capacity by the hour', () => {
    const r = price(
      {
        T: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
            GlobalSecondaryIndexes: [
              { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
            ],
          },
        },
      },
      'T',
      'paused',
      'dynamoStorageGb=0',
    );
    expect(r.usd).toBeCloseTo(730 * (6 * 0.00013 + 3 * 0.00065), 6);
  });

  test('SNS: email deliveries are priced, SMS is listed as not priced, Lambda deliveries are free', () => {
    const sub = (Protocol: string): Resources => ({
      S: { Type: 'AWS::SNS::Subscription', Properties: { Protocol } },
    });
    expect(price(sub('email'), 'S', 'running', 'alertsPerMonth=100000').usd).toBeCloseTo(2, 6);
    expect(price(sub('sms'), 'S').status).toBe('not-priced');
    expect(price(sub('lambda'), 'S').status).toBe('free');
  });

  test('log groups: infrequent-access ingestion is half price; storage stops at the retention', () => {
    const group = (props: Record<string, unknown>): Resources => ({
      G: { Type: 'AWS::Logs::LogGroup', Properties: props },
    });
    const assume = 'appLogMbPerMonth=1024,logHistoryMonths=12';
    expect(price(group({}), 'G', 'running', assume).usd).toBeCloseTo(0.5 + 12 * 0.03, 6);
    expect(
      price(
        group({ LogGroupClass: 'INFREQUENT_ACCESS', RetentionInDays: 365 / 12 }),
        'G',
        'running',
        assume,
      ).usd,
    ).toBeCloseTo(0.25 + (365 / 12 / (730 / 24)) * 0.03, 6);
  });

  test('interface endpoints are priced per AZ; gateway endpoints are free', () => {
    const ep = (props: Record<string, unknown>): Resources => ({
      E: { Type: 'AWS::EC2::VPCEndpoint', Properties: props },
    });
    expect(
      price(ep({ VpcEndpointType: 'Interface', SubnetIds: ['a', 'b', 'c'] }), 'E', 'paused').usd,
    ).toBeCloseTo(3 * 730 * 0.01, 6);
    expect(price(ep({}), 'E').status).toBe('free');
  });

  test('an advanced SSM parameter costs $0.05; a standard one is free', () => {
    expect(
      price({ P: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Advanced' } } }, 'P').usd,
    ).toBe(0.05);
    expect(price({ P: { Type: 'AWS::SSM::Parameter', Properties: {} } }, 'P').status).toBe('free');
  });

  test('a standard state machine pays per transition: states per execution × executions', () => {
    const r = price(
      {
        M: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            Definition: { States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } },
          },
        },
      },
      'M',
      'running',
      'stateMachineExecutionsPerMonth=1000',
    );
    expect(r.usd).toBeCloseTo(2000 * 0.000025, 9);
  });

  test('a flow log to CloudWatch Logs is priced on its log group; to S3 it is not priced', () => {
    const flow = (props: Record<string, unknown>): Resources => ({
      F: { Type: 'AWS::EC2::FlowLog', Properties: props },
    });
    expect(price(flow({ LogGroupName: 'g' }), 'F')).toEqual(
      expect.objectContaining({ status: 'free', note: expect.stringMatching(/on its log group/) }),
    );
    expect(price(flow({ LogDestinationType: 's3' }), 'F').status).toBe('not-priced');
  });

  test('custom types are free at run time; unknown types are not priced, never dropped', () => {
    expect(price({ C: { Type: 'Custom::LogRetention' } }, 'C').status).toBe('free');
    expect(price({ X: { Type: 'AWS::Glue::Job' } }, 'X')).toEqual(
      expect.objectContaining({
        status: 'not-priced',
        note: 'AWS::Glue::Job is not in the price table',
      }),
    );
  });
});

describe('CloudFormation hooks and AWS Config', () => {
  const guardHook = (props: Record<string, unknown> = {}): Resources => ({
    Hook: {
      Type: 'AWS::CloudFormation::GuardHook',
      Properties: { Alias: 'Private::Brokerguard::Checks', TargetOperations: ['STACK'], ...props },
    },
  });

  test('a Guard hook costs one handler operation per assumed invocation, in both scenarios', () => {
    // GIVEN the default volumes: 20 invocations a month paused, 60 running
    const paused = price(guardHook(), 'Hook', 'paused');
    const running = price(guardHook(), 'Hook', 'running');
    // THEN
    expect(paused.status).toBe('priced');
    expect(paused.usd).toBeCloseTo(20 * 0.0009, 9);
    expect(running.usd).toBeCloseTo(60 * 0.0009, 9);
    expect(running.charges).toEqual([
      expect.objectContaining({ what: 'invocations (assumed)', unit: 'hook handler operation' }),
    ]);
    // and the volume is the user's to change
    expect(price(guardHook(), 'Hook', 'running', 'hookInvocationsPerMonth=1000').usd).toBeCloseTo(
      0.9,
      9,
    );
  });

  test('a disabled hook is free; a Lambda hook says its function is priced apart', () => {
    expect(price(guardHook({ HookStatus: 'DISABLED' }), 'Hook')).toEqual(
      expect.objectContaining({ status: 'free', note: 'disabled: not invoked', usd: 0 }),
    );
    const lambdaHook: Resources = {
      Hook: { Type: 'AWS::CloudFormation::LambdaHook', Properties: { HookStatus: 'ENABLED' } },
    };
    expect(price(lambdaHook, 'Hook').note).toBe('its Lambda function is priced on its own');
  });

  test('other CloudFormation types stay free; billed extensions and AWS Config are not priced', () => {
    const r: Resources = {
      Nested: { Type: 'AWS::CloudFormation::Stack', Properties: {} },
      Activation: { Type: 'AWS::CloudFormation::TypeActivation', Properties: {} },
      Rule: { Type: 'AWS::Config::ConfigRule', Properties: {} },
      Recorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: {} },
    };
    expect(price(r, 'Nested').status).toBe('free');
    expect(price(r, 'Activation')).toEqual(
      expect.objectContaining({
        status: 'not-priced',
        note: expect.stringMatching(/handler operation/),
      }),
    );
    expect(price(r, 'Rule')).toEqual(
      expect.objectContaining({
        status: 'not-priced',
        note: expect.stringMatching(/rule evaluation/),
      }),
    );
    expect(price(r, 'Recorder')).toEqual(
      expect.objectContaining({
        status: 'not-priced',
        note: expect.stringMatching(/configuration item/),
      }),
    );
  });
});
