import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseLoginEvent } from '../../lib/contracts/login-event';
import { handler, resetForTests } from '../../lib/monitoring/login-classifier.lambda';
import { BrokerGuardStack } from '../../lib/stacks/brokerguard-stack';
import { DynamoDbDouble } from '../doubles/dynamodb-double';
import { DEFAULT_CONFIG } from '../helpers/default-config';
import { resourcesOf } from '../helpers/stack';

const ALERTS = { email: ['trader@example.com'] };

function build(config: Record<string, unknown>) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new BrokerGuardStack(app, 'Test', { config });
  return { stack, t: Template.fromStack(stack) };
}

// One template for the read-only tests: building a stack takes seconds.
const minimal = build({ alerts: ALERTS });
const disabled = build({ alerts: ALERTS, gateway: { enabled: false } });

const policyStatements = (t: Template) =>
  resourcesOf(t, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement);

describe('the gateway host from config', () => {
  test('a deployment of defaults carries the host at 0 tasks and creates its login credential', () => {
    const { stack, t } = minimal;
    expect(stack.gateway).toBeDefined();
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 0 });
    const login = stack.credential('ibkr-login');
    expect(login.secret.credentialClass).toBe('password');
    expect(login.secret.segment.segmentName).toBe('automation');
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'paper/automation/ibkr-login',
      GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'placeholder' },
    });
  });

  test('the automation role, the task role, also trusts ECS tasks of this account', () => {
    const { stack, t } = minimal;
    const roleId = stack.resolve(
      (stack.segments.automation.role.node.defaultChild as any).logicalId,
    );
    const role = t.toJSON().Resources[roleId];
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(
      'ecs-tasks.amazonaws.com',
    );
  });

  test('the playbook and the lock-out guard scale the host; the guard also watches its restart loop', () => {
    const { stack, t } = minimal;
    const guard = stack.incident.lockoutGuard!;
    const fnId = stack.resolve((guard.function.node.defaultChild as any).logicalId);
    expect(t.toJSON().Resources[fnId].Properties.Environment.Variables).toMatchObject({
      ECS_CLUSTER: 'brokerguard-paper-gateway',
      ECS_SERVICE: 'brokerguard-paper-gateway',
    });
    const alarmId = stack.resolve(
      (stack.gateway!.restartLoopAlarm!.node.defaultChild as any).logicalId,
    );
    const ruleId = stack.resolve((guard.rule.node.defaultChild as any).logicalId);
    expect(JSON.stringify(t.toJSON().Resources[ruleId].Properties.EventPattern)).toContain(alarmId);
    expect(JSON.stringify(policyStatements(t))).toContain(
      ':service/brokerguard-paper-gateway/brokerguard-paper-gateway',
    );
  });

  test('the admin role may scale the host (pause/resume) and nothing else in ECS', () => {
    const { stack, t } = minimal;
    const adminId = stack.resolve((stack.segments.admin.role.node.defaultChild as any).logicalId);
    const admin = resourcesOf(t, 'AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === adminId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => JSON.stringify(s.Action).includes('ecs:'));
    expect(admin).toEqual([
      expect.objectContaining({ Action: ['ecs:DescribeServices', 'ecs:UpdateService'] }),
    ]);
  });

  test('gateway.enabled false: no host, no created credential, the configured ECS service is stopped', () => {
    const { stack, t } = disabled;
    expect(stack.gateway).toBeUndefined();
    t.resourceCountIs('AWS::ECS::Service', 0);
    t.resourceCountIs('AWS::EC2::VPC', 0);
    expect(stack.credentials).toHaveLength(0);
  });

  test("the default deployment's own ibkr-login is the host's login; no second one is made", () => {
    const { stack, t } = build(DEFAULT_CONFIG);
    expect(stack.credentials.map((c) => c.secret.fullName)).toEqual([
      'paper/automation/ibkr-session',
      'paper/automation/ibkr-login',
    ]);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Secrets: [
            Match.objectLike({ Name: 'TWS_USERID' }),
            Match.objectLike({ Name: 'TWS_PASSWORD' }),
          ],
        }),
      ],
    });
  });

  describe('container lines reach the classifier unchanged', () => {
    const TABLE = 'paper-devices';
    const dynamo = new DynamoDbDouble({ [TABLE]: ['segment', 'deviceId'] });
    let out: string[] = [];

    beforeAll(async () => {
      const { stack, t } = minimal;
      // From the template: where awslogs writes, and what the classifier reads and is fed.
      const task = resourcesOf(t, 'AWS::ECS::TaskDefinition')[0][1];
      const logRef =
        task.Properties.ContainerDefinitions[0].LogConfiguration.Options['awslogs-group'];
      const logGroupName = t.toJSON().Resources[logRef.Ref].Properties.LogGroupName;
      expect(logGroupName).toBe('/brokerguard/paper/automation/login');
      t.hasResourceProperties('AWS::Logs::SubscriptionFilter', { LogGroupName: logRef });
      const fnId = stack.resolve(
        (stack.monitoring.classifier!.function.node.defaultChild as any).logicalId,
      );
      const env = t.toJSON().Resources[fnId].Properties.Environment.Variables;
      // The classifier's log sources name log groups by reference: put their names in.
      const resources = t.toJSON().Resources;
      const flat = (v: any): string =>
        typeof v === 'string'
          ? v
          : v['Fn::Join']
            ? v['Fn::Join'][1].map(flat).join(v['Fn::Join'][0])
            : resources[v.Ref].Properties.LogGroupName;
      const sources = JSON.parse(flat(env.LOG_SOURCES));
      expect(sources).toContainEqual(
        expect.objectContaining({ logGroupName, segment: 'automation' }),
      );
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_DYNAMODB: await dynamo.start(),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDTEST',
        AWS_SECRET_ACCESS_KEY: 'secret-test',
        DEPLOYMENT: 'paper',
        DEVICE_TABLE: TABLE,
        LOG_SOURCES: JSON.stringify(sources),
        TRADING_HOURS: flat(env.TRADING_HOURS),
      });
    });
    afterAll(() => dynamo.stop());
    beforeEach(() => {
      out = [];
      resetForTests();
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk).trim());
        return true;
      });
    });
    afterEach(() => jest.restoreAllMocks());

    test('IB Gateway container output, one event per line, in the task stream gateway/gateway/<task>', async () => {
      const lines = readFileSync(
        join(__dirname, '..', 'fixtures', 'logs', 'ib-gateway-docker.log'),
        'utf8',
      )
        .split('\n')
        .filter(Boolean);
      const t0 = Date.parse('2026-01-05T14:25:00Z');
      const payload = {
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup: '/brokerguard/paper/automation/login',
        logStream: 'gateway/gateway/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        subscriptionFilters: ['classifier'],
        logEvents: lines.map((message, i) => ({ id: String(i), timestamp: t0 + i, message })),
      };
      await handler({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } });
      const events = out
        .filter((l) => l.startsWith('{') && l.includes('"_aws"'))
        .map((l) => parseLoginEvent(JSON.parse(l)));
      expect(events.map((e) => e.event)).toEqual(
        expect.arrayContaining([
          'login_attempted',
          'device_registered',
          'second_factor_requested',
          'login_succeeded',
        ]),
      );
      for (const e of events) {
        expect(e.segment).toBe('automation');
        expect(e.deviceId).toBe('gateway/gateway/0f1e2d3c4b5a69788796a5b4c3d2e1f0');
      }
    });
  });
});
