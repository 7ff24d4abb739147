import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOK_RULES_FILE, renderHookRules } from '../../../lib/policy/guard/hook-rules';
import { createDefaultApp } from '../../../lib/stacks/default-app';
import { GuardResult, runCfnGuard, runCfnGuardOnEach } from '../../helpers/cfn-guard';

const root = join(__dirname, '..', '..', '..');
const rules = renderHookRules();
type Template = { Resources: Record<string, { Type: string; Properties: any; Metadata?: any }> };

let base: Template;
beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'bg-guard-app-'));
  const cdkContext = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;
  const { app, stack } = createDefaultApp({ outdir, context: cdkContext });
  const assembly = app.synth();
  base = assembly.getStackByName(stack.stackName).template as Template;
});

/** A copy of the default template changed by `change`. */
function variant(change: (t: Template) => void): Template {
  const t = JSON.parse(JSON.stringify(base)) as Template;
  change(t);
  return t;
}
function first(t: Template, type: string, where: (r: any) => boolean = () => true) {
  const entry = Object.entries(t.Resources).find(([, r]) => r.Type === type && where(r));
  if (!entry) throw new Error(`no ${type}`);
  return entry[1];
}
const tag = (r: any, key: string) =>
  (r.Properties.Tags ?? []).find((x: any) => x.Key === key)?.Value as string | undefined;
const gatewayTask = (t: Template) => first(t, 'AWS::ECS::TaskDefinition');
const gatewayService = (t: Template) => first(t, 'AWS::ECS::Service');
/** The gateway task definition with its segment tag, gateway image and API port taken away. */
function plainTask(t: Template) {
  const td = gatewayTask(t);
  td.Properties.Tags = [];
  for (const c of td.Properties.ContainerDefinitions) {
    c.Image = 'public.ecr.aws/nginx/nginx:1.27';
    c.PortMappings = [{ ContainerPort: 8080, Protocol: 'tcp' }];
  }
  return td;
}
const sessionSecretId = (t: Template) =>
  Object.entries(t.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::SecretsManager::Secret' &&
      tag(r, 'brokerguard:credential-class') === 'session-token',
  )![0];

describe('the generated Guard hook rules', () => {
  test(`${HOOK_RULES_FILE} is what the twins render (if this fails, run \`npm run docs\`)`, () => {
    expect(readFileSync(join(root, HOOK_RULES_FILE), 'utf8')).toBe(rules);
  });

  test('the default deployment template passes every rule with a real cfn-guard', () => {
    const result = runCfnGuard(rules, base);
    expect(result.failed).toEqual([]);
    expect(result.status).toBe('PASS');
    expect(result.passed).toEqual(
      expect.arrayContaining([
        'BG_ROT_1_RotationWithinClassMaximum',
        'BG_KMS_1_SegmentSecretUsesSegmentKey',
        'BG_IAM_1_HumanRoleRequiresMfa',
        'BG_SEG_3_SecretDenyOutsideSegment',
        // The paused gateway host: its task runs as the automation role, without ECS Exec.
        'BG_ECS_1_GatewayTaskRoleInSegment',
        'BG_ECS_3_GatewayExecDisabled',
      ]),
    );
  });

  const insecure: [string, string, (t: Template) => void][] = [
    [
      'a session token rotating every 48 hours',
      'BG_ROT_1_RotationWithinClassMaximum',
      (t) => {
        first(t, 'AWS::SecretsManager::RotationSchedule').Properties.RotationRules = {
          ScheduleExpression: 'rate(48 hours)',
        };
      },
    ],
    [
      'a session token with no rotation schedule',
      'BG_ROT_1_RotationWithinClassMaximum',
      (t) => {
        const id = Object.entries(t.Resources).find(
          ([, r]) => r.Type === 'AWS::SecretsManager::RotationSchedule',
        )![0];
        delete t.Resources[id];
      },
    ],
    [
      'a segment key with rotation off',
      'BG_KMS_1_SegmentSecretUsesSegmentKey',
      (t) => {
        first(t, 'AWS::KMS::Key').Properties.EnableKeyRotation = false;
      },
    ],
    [
      'a segment secret on the AWS managed key',
      'BG_KMS_1_SegmentSecretUsesSegmentKey',
      (t) => {
        t.Resources[sessionSecretId(t)].Properties.KmsKeyId = 'alias/aws/secretsmanager';
      },
    ],
    [
      'a plaintext SecretString',
      'BG_SEC_1_NoHardCodedSecretString',
      (t) => {
        t.Resources[sessionSecretId(t)].Properties.SecretString = 'hunter2';
      },
    ],
    [
      'a wildcard administrator policy',
      'BG_IAM_7_NoWildcardServiceActions',
      (t) => {
        first(t, 'AWS::IAM::Policy').Properties.PolicyDocument.Statement.push({
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
        });
      },
    ],
    [
      'an inline administrator policy on one role among many',
      'BG_IAM_7_NoWildcardServiceActions',
      (t) => {
        first(t, 'AWS::IAM::Role').Properties.Policies = [
          {
            PolicyName: 'admin',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          },
        ];
      },
    ],
    [
      'iam:PassRole on every resource',
      'BG_IAM_5_NoPrivilegeEscalation',
      (t) => {
        first(t, 'AWS::IAM::Policy').Properties.PolicyDocument.Statement.push({
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'iam:PassRole'],
          Resource: '*',
        });
      },
    ],
    [
      'a gateway port open to the internet',
      'BG_NET_1_GatewayPortsNotPublic',
      (t) => {
        t.Resources.OpenGateway = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'gateway',
            SecurityGroupIngress: [
              { IpProtocol: 'tcp', FromPort: 4000, ToPort: 4010, CidrIp: '0.0.0.0/0' },
            ],
          },
        };
      },
    ],
    [
      'an IPv6 rule opening every port',
      'BG_NET_1_GatewayPortsNotPublic',
      (t) => {
        t.Resources.OpenAll = {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: { GroupId: 'sg-1', IpProtocol: '-1', CidrIpv6: '::/0' },
        };
      },
    ],
    [
      'an automation role with 2-hour sessions',
      'BG_IAM_2_AutomationSessionDuration',
      (t) => {
        first(
          t,
          'AWS::IAM::Role',
          (r) =>
            tag(r, 'brokerguard:segment') === 'automation' &&
            tag(r, 'brokerguard:role-kind') !== 'function',
        ).Properties.MaxSessionDuration = 7200;
      },
    ],
    [
      'an automation role without a permissions boundary',
      'BG_IAM_3_AutomationPermissionsBoundary',
      (t) => {
        for (const r of Object.values(t.Resources)) {
          if (r.Type === 'AWS::IAM::Role' && tag(r, 'brokerguard:segment') === 'automation')
            delete r.Properties.PermissionsBoundary;
        }
      },
    ],
    [
      'a human role assumable without MFA',
      'BG_IAM_1_HumanRoleRequiresMfa',
      (t) => {
        const role = first(t, 'AWS::IAM::Role', (r) => tag(r, 'brokerguard:segment') === 'admin');
        for (const s of role.Properties.AssumeRolePolicyDocument.Statement) delete s.Condition;
      },
    ],
    [
      'a log group kept forever',
      'BG_LOG_1_LogGroupEncryptedBounded',
      (t) => {
        delete first(t, 'AWS::Logs::LogGroup').Properties.RetentionInDays;
      },
    ],
    [
      'an alarm with its actions disabled',
      'BG_MON_2_AlarmHasAction',
      (t) => {
        first(t, 'AWS::CloudWatch::Alarm').Properties.ActionsEnabled = false;
      },
    ],
    [
      'an IAM user access key',
      'BG_IAM_6_NoUserAccessKeys',
      (t) => {
        t.Resources.Key = { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'bot' } };
      },
    ],
    [
      'a password in a function environment',
      'BG_SEC_2_NoPlaintextSecretInEnvironment',
      (t) => {
        const fn = first(t, 'AWS::Lambda::Function');
        fn.Properties.Environment ??= { Variables: {} };
        fn.Properties.Environment.Variables.DB_PASSWORD = 'hunter2';
      },
    ],
    [
      'a rotation function on a deprecated runtime',
      'BG_ROT_3_RotationRuntimeSupported',
      (t) => {
        const arn = first(t, 'AWS::SecretsManager::RotationSchedule').Properties.RotationLambdaARN;
        t.Resources[arn['Fn::GetAtt'][0]].Properties.Runtime = 'nodejs16.x';
      },
    ],
    [
      'a segment secret without its deny-outside-segment policy',
      'BG_SEG_3_SecretDenyOutsideSegment',
      (t) => {
        for (const [id, r] of Object.entries(t.Resources)) {
          if (r.Type === 'AWS::SecretsManager::ResourcePolicy') delete t.Resources[id];
        }
      },
    ],
    [
      'an untagged secret',
      'BG_SEG_4_SecretSegmentTags',
      (t) => {
        t.Resources.Untagged = {
          Type: 'AWS::SecretsManager::Secret',
          Properties: { GenerateSecretString: {} },
        };
      },
    ],
    [
      'an untagged secret that never rotates',
      'BG_ROT_4_SecretRotationConfigured',
      (t) => {
        t.Resources.Untagged = {
          Type: 'AWS::SecretsManager::Secret',
          Properties: { GenerateSecretString: {} },
        };
      },
    ],
    [
      'second-factor material in the automation segment',
      'BG_SEG_2_SecondFactorPlacement',
      (t) => {
        t.Resources.Totp = {
          Type: 'AWS::SecretsManager::Secret',
          Properties: {
            Tags: [
              { Key: 'brokerguard:segment', Value: 'automation' },
              { Key: 'brokerguard:credential-class', Value: 'second-factor' },
            ],
          },
        };
      },
    ],
    [
      'a wildcard action in a policy of the automation role',
      'BG_IAM_4_AutomationNoWildcardActions',
      (t) => {
        const roleId = Object.entries(t.Resources).find(
          ([, r]) =>
            r.Type === 'AWS::IAM::Role' &&
            tag(r, 'brokerguard:segment') === 'automation' &&
            tag(r, 'brokerguard:role-kind') !== 'function',
        )![0];
        t.Resources.Wild = {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'wild',
            Roles: [{ Ref: roleId }],
            PolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }],
            },
          },
        };
      },
    ],
    [
      'an unencrypted alert topic',
      'BG_MON_3_AlertTopicSecure',
      (t) => {
        delete first(t, 'AWS::SNS::Topic').Properties.KmsMasterKeyId;
      },
    ],
    [
      'a segment function without its log group',
      'BG_LOG_2_SegmentFunctionLogGroup',
      (t) => {
        delete first(t, 'AWS::Lambda::Function', (r) => !!tag(r, 'brokerguard:segment')).Properties
          .LoggingConfig;
      },
    ],
    [
      'a password written into the gateway container environment',
      'BG_SEC_3_NoPlaintextSecretInTaskDefinition',
      (t) => {
        gatewayTask(t).Properties.ContainerDefinitions[0].Environment.push({
          Name: 'TWS_PASSWORD',
          Value: 'hunter2',
        });
      },
    ],
    [
      'a gateway task with no task role',
      'BG_ECS_1_GatewayTaskRoleInSegment',
      (t) => {
        delete gatewayTask(t).Properties.TaskRoleArn;
      },
    ],
    [
      'a gateway task running as its execution role',
      'BG_ECS_1_GatewayTaskRoleInSegment',
      (t) => {
        const td = gatewayTask(t);
        td.Properties.TaskRoleArn = td.Properties.ExecutionRoleArn;
      },
    ],
    [
      'a gateway task, known only by its image, running as its execution role',
      'BG_ECS_1_GatewayTaskRoleInSegment',
      (t) => {
        const td = gatewayTask(t);
        td.Properties.Tags = [];
        td.Properties.ContainerDefinitions[0].PortMappings = [];
        td.Properties.TaskRoleArn = td.Properties.ExecutionRoleArn;
      },
    ],
    [
      'a gateway task tagged into the admin segment',
      'BG_ECS_1_GatewayTaskRoleInSegment',
      (t) => {
        for (const x of gatewayTask(t).Properties.Tags)
          if (x.Key === 'brokerguard:segment') x.Value = 'admin';
      },
    ],
    [
      'a gateway container with a writable root and no acknowledgement',
      'BG_ECS_2_GatewayRootFilesystemReadOnly',
      (t) => {
        delete gatewayTask(t).Metadata;
      },
    ],
    [
      'ECS Exec on the gateway service',
      'BG_ECS_3_GatewayExecDisabled',
      (t) => {
        gatewayService(t).Properties.EnableExecuteCommand = true;
      },
    ],
    [
      'ECS Exec on an untagged service of a gateway task known only by its port',
      'BG_ECS_3_GatewayExecDisabled',
      (t) => {
        const service = gatewayService(t);
        service.Properties.Tags = [];
        service.Properties.EnableExecuteCommand = 'true';
        const td = gatewayTask(t);
        td.Properties.Tags = [];
        td.Properties.ContainerDefinitions[0].Image = 'registry.example/broker-bridge:2';
      },
    ],
  ];

  // One cfn-guard run over every variant: the binary takes a directory of templates.
  let verdicts: Record<string, GuardResult>;
  beforeAll(() => {
    verdicts = runCfnGuardOnEach(
      rules,
      Object.fromEntries(insecure.map(([, , change], i) => [`variant-${i}`, variant(change)])),
    );
  });

  test.each(insecure.map((v, i) => [...v, i] as const))('%s fails %s', (_what, rule, _c, i) => {
    expect(verdicts[`variant-${i}`].failed).toContain(rule);
  });

  test('an acknowledgement recorded in the template is honoured, like the pack honours it', () => {
    // GIVEN the key-rotation variant, acknowledged on the key with a reason
    const t = variant((x) => {
      const key = first(x, 'AWS::KMS::Key');
      key.Properties.EnableKeyRotation = false;
      key.Metadata = {
        cdk_nag: {
          rules_to_suppress: [
            { id: 'BrokerGuardChecks::BG-KMS-1[KeyRotationOff]', reason: 'test' },
          ],
        },
      };
    });
    // THEN the hook rules pass it
    expect(runCfnGuard(rules, t).failed).not.toContain('BG_KMS_1_SegmentSecretUsesSegmentKey');
  });

  test('the gateway rules pass the template once the acknowledged exception is fixed', () => {
    // GIVEN the gateway container made read-only, its acknowledgement removed
    const t = variant((x) => {
      const td = gatewayTask(x);
      delete td.Metadata;
      td.Properties.ContainerDefinitions[0].ReadonlyRootFilesystem = true;
    });
    // THEN BG-ECS-2 judges the container and passes it
    const result = runCfnGuard(rules, t);
    expect(result.failed).toEqual([]);
    expect(result.passed).toContain('BG_ECS_2_GatewayRootFilesystemReadOnly');
  });

  test('a task that is not a gateway is not held to the gateway rules', () => {
    // GIVEN an untagged service with ECS Exec, running an untagged web task as another role
    const t = variant((x) => {
      const td = plainTask(x);
      td.Properties.TaskRoleArn = td.Properties.ExecutionRoleArn;
      delete td.Metadata;
      const service = gatewayService(x);
      service.Properties.Tags = [];
      service.Properties.EnableExecuteCommand = true;
    });
    // THEN the gateway rules skip it
    const result = runCfnGuard(rules, t);
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        'BG_ECS_1_GatewayTaskRoleInSegment',
        'BG_ECS_2_GatewayRootFilesystemReadOnly',
        'BG_ECS_3_GatewayExecDisabled',
      ]),
    );
  });

  test('a secret given by reference in the container environment passes', () => {
    // GIVEN secret-named variables whose values are a dynamic reference, an ARN and a Join
    const t = variant((x) => {
      gatewayTask(x).Properties.ContainerDefinitions[0].Environment.push(
        { Name: 'API_TOKEN', Value: '{{resolve:secretsmanager:bot:SecretString:token}}' },
        { Name: 'BOT_SECRET', Value: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:bot' },
        { Name: 'DB_PASSWORD', Value: { 'Fn::Join': ['', [{ Ref: 'AWS::Region' }]] } },
      );
    });
    // THEN BG-SEC-3 judges them and passes
    const result = runCfnGuard(rules, t);
    expect(result.failed).toEqual([]);
    expect(result.passed).toContain('BG_SEC_3_NoPlaintextSecretInTaskDefinition');
  });

  test('a hand-written template (no CDK metadata, no kit tags) is judged by the generic rules', () => {
    // GIVEN a template as someone writes it by hand: each resource breaks one rule that does
    // not depend on the kit's tags
    const handWritten = {
      Resources: {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              { Name: 'bot', Image: 'bot:1', Environment: [{ Name: 'DB_PASSWORD', Value: 'x1' }] },
            ],
          },
        },
        Open: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: {
            GroupId: 'sg-1',
            IpProtocol: 'tcp',
            FromPort: 4000,
            ToPort: 4010,
            CidrIp: '0.0.0.0/0',
          },
        },
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        Alarm: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: { AlarmActions: [{ Ref: 'Topic' }], MetricName: 'm', Namespace: 'n' },
        },
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: { Environment: { Variables: { API_TOKEN: 'abc123' } } },
        },
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
        Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'bot' } },
        Literal: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: 'hunter2' } },
      },
    };
    // WHEN
    const result = runCfnGuard(rules, handWritten);
    // THEN
    expect(result.failed).toEqual(
      expect.arrayContaining([
        'BG_SEC_1_NoHardCodedSecretString',
        'BG_SEC_2_NoPlaintextSecretInEnvironment',
        'BG_SEC_3_NoPlaintextSecretInTaskDefinition',
        'BG_NET_1_GatewayPortsNotPublic',
        'BG_MON_3_AlertTopicSecure',
        'BG_LOG_1_LogGroupEncryptedBounded',
        'BG_IAM_6_NoUserAccessKeys',
        'BG_SEG_4_SecretSegmentTags',
      ]),
    );
  });

  test('a secret in a template with no rotation schedule at all fails BG-ROT-4', () => {
    // GIVEN an untagged secret, and no AWS::SecretsManager::RotationSchedule anywhere
    const t = { Resources: { Db: { Type: 'AWS::SecretsManager::Secret', Properties: {} } } };
    // THEN: failed, not skipped for want of a schedule to compare with
    expect(runCfnGuard(rules, t).failed).toContain('BG_ROT_4_SecretRotationConfigured');
    // and scheduled, it passes
    const scheduled = {
      Resources: {
        ...t.Resources,
        Rotation: {
          Type: 'AWS::SecretsManager::RotationSchedule',
          Properties: { SecretId: { Ref: 'Db' }, RotationLambdaARN: 'arn:aws:lambda:::function:r' },
        },
      },
    };
    expect(runCfnGuard(rules, scheduled).passed).toContain('BG_ROT_4_SecretRotationConfigured');
  });

  test('a template with nothing the kit judges is skipped, not failed', () => {
    const result = runCfnGuard(rules, {
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } },
    });
    expect(result.failed).toEqual([]);
  });
});
