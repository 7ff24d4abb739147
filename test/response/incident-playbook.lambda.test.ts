import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { ECSClient, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mockClient } from 'aws-sdk-client-mock';
import { PlaybookOutput, runPlaybookEvent } from '../../lib/response/incident-playbook.lambda';
import { PlaybookTargets } from '../../lib/response/playbook';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';
import { dummyAwsEnv, testClients, testTargets } from './playbook-fixtures';
import { PlaybookServicesDouble } from './playbook-services-double';

const execFileAsync = promisify(execFile);

dummyAwsEnv();
const mocks = [
  mockClient(IAMClient),
  mockClient(SecretsManagerClient),
  mockClient(SSMClient),
  mockClient(ECSClient),
  mockClient(EC2Client),
] as const;
const [iam, sm, ssm, ecs, ec2] = mocks;
beforeEach(() => {
  mocks.forEach((m) => m.reset());
  iam.on(PutRolePolicyCommand).resolves({});
  sm.on(RotateSecretCommand).resolves({});
  sm.on(DescribeSecretCommand).resolves({ Tags: [] });
  sm.on(TagResourceCommand).resolves({});
  ssm.on(PutParameterCommand).resolves({});
  ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
  ecs.on(UpdateServiceCommand).resolves({});
  ec2.on(StopInstancesCommand).resolves({});
});
const now = new Date('2026-11-28T14:00:00.000Z');

describe('incident-playbook handler', () => {
  test('returns the report, its text, the notification and one audit event', async () => {
    // WHEN
    const out = await runPlaybookEvent(
      {
        request: { playbook: 'lost-device', scope: 'automation', requestedBy: 'alice' },
        targets: testTargets(),
        executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pb:e1',
        rolesAnywhere: { status: 'done' },
      },
      testClients(),
      now,
    );
    // THEN
    expect(out.outcome).toBe('completed');
    expect(out.text).toContain('DONE    disable-roles-anywhere [automation]');
    expect(out.notification.message).toMatch(
      /^BrokerGuard \[paper\] lost-device playbook for automation: done/,
    );
    expect(out.audit.timestamp).toBe(now.getTime());
    const audit = JSON.parse(out.audit.message);
    // the audit record: who, when, scope, outcome, and every step
    expect(audit).toMatchObject({
      requestedBy: 'alice',
      startedAt: '2026-11-28T14:00:00.000Z',
      scope: 'automation',
      outcome: 'completed',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pb:e1',
    });
    expect(audit.steps).toHaveLength(7);
  });

  test('refuses a bad request without touching anything, and still audits and notifies', async () => {
    const out = await runPlaybookEvent(
      {
        request: { playbook: 'lost-device', scope: 'everything', requestedBy: 'mallory' },
        targets: testTargets(),
      },
      testClients(),
      now,
    );
    expect(out.outcome).toBe('rejected');
    expect(out.notification.message).toMatch(/refused to start/);
    expect(JSON.parse(out.audit.message)).toMatchObject({
      outcome: 'rejected',
      requestedBy: 'mallory',
    });
    expect(JSON.parse(out.audit.message).reason).toMatch(/scope: got "everything"/);
    for (const m of mocks) expect(m.calls()).toHaveLength(0);
  });
});

describe('the bundled incident-playbook handler against HTTP doubles', () => {
  const bundle = join(__dirname, '../../dist/handlers/incident-playbook/index.js');
  const sm = new SecretsManagerDouble();
  const services = new PlaybookServicesDouble();
  let env: NodeJS.ProcessEnv;
  let targets: PlaybookTargets;

  beforeAll(async () => {
    const smEndpoint = await sm.start();
    env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
      AWS_SECRET_ACCESS_KEY: 'dummy-secret-for-tests',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: smEndpoint,
      ...(await services.start()),
    };
    // Real SDK calls, not the mocks above, arrange the double's secrets.
    mocks[1].restore();
    const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: smEndpoint });
    const session = await client.send(
      new CreateSecretCommand({
        Name: 'paper/automation/ibkr-session',
        SecretString: '{}',
        RotationLambdaARN: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
      } as never),
    );
    const login = await client.send(
      new CreateSecretCommand({ Name: 'paper/automation/gateway-login', SecretString: '{}' }),
    );
    const base = testTargets();
    targets = {
      ...base,
      segments: {
        ...base.segments,
        automation: {
          roleName: 'paper-automation-role',
          rotatingSecrets: [{ arn: session.ARN!, name: session.Name! }],
          manualSecrets: [{ arn: login.ARN!, name: login.Name! }],
        },
      },
    };
  });
  // The mocks above would answer these real SDK calls; the doubles must.
  beforeEach(() => mocks[1].restore());
  afterAll(async () => {
    await sm.stop();
    await services.stop();
  });

  async function invoke(): Promise<PlaybookOutput> {
    const event = {
      request: { playbook: 'lost-device', scope: 'automation', requestedBy: 'alice' },
      targets,
      rolesAnywhere: { status: 'done' },
    };
    const script = `require(${JSON.stringify(bundle)}).handler(JSON.parse(process.env.EVENT)).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); })`;
    const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
      env: { ...env, EVENT: JSON.stringify(event) },
    });
    return JSON.parse(stdout);
  }

  test('a run with one refused step, then a re-run, ends with every step done exactly once', async () => {
    // GIVEN the switch cannot be written on the first run
    services.deny('ssm', 'PutParameter');
    // WHEN
    const first = await invoke();
    // THEN every other step went over the wire and is done
    expect(first.outcome).toBe('completed-with-failures');
    expect(first.report!.steps.find((s) => s.step === 'pause-automation')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(
        /^AccessDeniedException: not authorized to perform ssm:PutParameter/,
      ),
    });
    const policy = JSON.parse(
      services.rolePolicies.get('paper-automation-role/AWSRevokeOlderSessions')!,
    );
    expect(policy.Statement[0]).toEqual({
      Effect: 'Deny',
      Action: ['*'],
      Resource: ['*'],
      Condition: { DateLessThan: { 'aws:TokenIssueTime': first.report!.startedAt } },
    });
    expect(services.desiredCount).toBe(0);
    expect(services.instanceState).toBe('stopping');
    expect(Object.values(sm.stages('paper/automation/ibkr-session')).flat()).toContain(
      'AWSPENDING',
    );
    const flag = await describeTag(
      env.AWS_ENDPOINT_URL_SECRETS_MANAGER!,
      'paper/automation/gateway-login',
    );
    expect(flag).toBe(first.report!.startedAt);

    // WHEN the cause is fixed and the playbook runs again
    services.allow('ssm', 'PutParameter');
    const second = await invoke();
    // THEN it completes, without a second rotation, flag time or scale-down
    expect(second.outcome).toBe('completed');
    expect(services.parameters.get('/brokerguard/paper/automation/enabled')).toBe('false');
    expect(second.report!.steps.find((s) => s.step === 'rotate-credential')?.status).toBe(
      'skipped',
    );
    expect(
      await describeTag(env.AWS_ENDPOINT_URL_SECRETS_MANAGER!, 'paper/automation/gateway-login'),
    ).toBe(flag);
    expect(services.calls.filter((c) => c.op === 'UpdateService')).toHaveLength(1);
  });
});

async function describeTag(endpoint: string, secretId: string): Promise<string | undefined> {
  const client = new SecretsManagerClient({ region: 'us-east-1', endpoint });
  const out = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  return out.Tags?.find((t) => t.Key === 'brokerguard:compromised')?.Value;
}
