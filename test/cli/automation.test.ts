import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runAutomation } from '../../lib/cli/automation';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';
import { PlaybookServicesDouble } from '../response/playbook-services-double';
import { recordingIO } from './cli-fixtures';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret-for-tests';
const ssm = mockClient(SSMClient);
const cw = mockClient(CloudWatchClient);
const cfn = mockClient(CloudFormationClient);
const cwd = mkdtempSync(join(tmpdir(), 'bg-automation-'));
// ECS and Secrets Manager are HTTP-level doubles, reached through AWS_ENDPOINT_URL_*.
const secrets = new SecretsManagerDouble();
const services = new PlaybookServicesDouble();
const deps = () => ({
  ssm: new SSMClient({ region: 'us-east-1' }),
  cloudWatch: new CloudWatchClient({ region: 'us-east-1' }),
  cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
  ecs: new ECSClient({ region: 'us-east-1' }),
  secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
  cwd,
});
const NAME = '/brokerguard/paper/automation/enabled';
const switchIs = (Value: string) =>
  ssm.on(GetParameterCommand, { Name: NAME }).resolves({
    Parameter: { Name: NAME, Value, LastModifiedDate: new Date('2026-11-28T14:00:00Z') },
  });

beforeAll(async () => {
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = await secrets.start();
  Object.assign(process.env, await services.start());
});

afterAll(async () => {
  await secrets.stop();
  await services.stop();
  delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  delete process.env.AWS_ENDPOINT_URL_ECS;
});

beforeEach(() => {
  ssm.reset();
  cw.reset();
  cfn.reset();
  ssm.on(PutParameterCommand).resolves({});
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  // A stack without a gateway host (gateway.enabled false, or deployed before it existed).
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'brokerguard-paper',
        Outputs: [],
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
      },
    ],
  });
});

describe('brokerguard automation', () => {
  test('status says whether automation is enabled, and since when', async () => {
    switchIs('false');
    const io = recordingIO();
    expect(await runAutomation(['status'], io, deps)).toBe(0);
    expect(io.out()).toBe(
      `automation of paper is PAUSED since 2026-11-28T14:00:00.000Z (${NAME} = "false")\n`,
    );
  });

  test('pause writes false at once, without --confirm', async () => {
    switchIs('true');
    const io = recordingIO();
    expect(await runAutomation(['pause'], io, deps)).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input).toEqual({
      Name: NAME,
      Value: 'false',
      Type: 'String',
      Overwrite: true,
    });
  });

  test('resume without --confirm writes nothing', async () => {
    switchIs('false');
    const io = recordingIO();
    expect(await runAutomation(['resume'], io, deps)).toBe(0);
    expect(io.out()).toMatch(/nothing done\. Add --confirm to resume\./);
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  test('resume --confirm writes true', async () => {
    switchIs('false');
    const io = recordingIO();
    expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input.Value).toBe('true');
  });

  test('resume refuses while an alarm of the deployment fires, unless --force', async () => {
    switchIs('false');
    cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'paper-automation-lockout-risk' }],
    });
    const io = recordingIO();
    expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(1);
    expect(io.out()).toContain('  - paper-automation-lockout-risk');
    expect(io.err()).toMatch(/refusing to resume while alarms fire/);
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(cw.commandCalls(DescribeAlarmsCommand)[0].args[0].input).toEqual({
      AlarmNamePrefix: 'paper-',
      StateValue: 'ALARM',
    });
    expect(await runAutomation(['resume', '--confirm', '--force'], recordingIO(), deps)).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input.Value).toBe('true');
  });

  test('resume refuses when the alarms cannot be checked, unless --force', async () => {
    switchIs('false');
    cw.on(DescribeAlarmsCommand).rejects(
      Object.assign(new Error('not authorized'), { name: 'AccessDenied' }),
    );
    const io = recordingIO();
    expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(1);
    expect(io.out()).toContain('(cannot tell: AccessDenied: not authorized)');
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  test('a deployment without a switch is named with its region', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('not found'), { name: 'ParameterNotFound' }));
    const io = recordingIO();
    expect(await runAutomation(['status', '--deployment', 'live'], io, deps)).toBe(2);
    expect(io.err()).toMatch(
      /deployment "live" has no automation switch in us-east-1 \(no parameter \/brokerguard\/live\/automation\/enabled\)/,
    );
  });

  test('missing credentials get a clear sentence', async () => {
    ssm.on(GetParameterCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const io = recordingIO();
    expect(await runAutomation(['pause'], io, deps)).toBe(2);
    expect(io.err()).toMatch(/no AWS credentials found/);
  });

  test('no action at all names the actions there are', async () => {
    const io = recordingIO();
    expect(await runAutomation([], io, deps)).toBe(2);
    expect(io.err()).toBe(
      'brokerguard automation: name an action: status, pause, resume (see brokerguard automation --help)\n',
    );
  });

  test('an unknown action or a bad deployment name is a usage error', async () => {
    const io = recordingIO();
    expect(await runAutomation(['stop'], io, deps)).toBe(2);
    expect(io.err()).toMatch(/unknown action "stop"; allowed: status, pause, resume/);
    const io2 = recordingIO();
    expect(await runAutomation(['status', '--deployment', 'Live Account'], io2, deps)).toBe(2);
    expect(io2.err()).toMatch(/--deployment: got "Live Account"/);
  });

  describe('with the gateway host', () => {
    const sm = () => new SecretsManagerClient({ region: 'us-east-1' });
    let n = 0;
    /** A login secret as CloudFormation creates it; with `put`, an admin then put the login. */
    async function loginSecret(put: boolean): Promise<string> {
      const name = `paper/automation/ibkr-login-${++n}`;
      await sm().send(
        new CreateSecretCommand({ Name: name, SecretString: '{"placeholder":"generated"}' }),
      );
      if (put) {
        await sm().send(
          new PutSecretValueCommand({
            SecretId: name,
            SecretString: '{"username":"trader1","password":"not-a-real-one"}',
          }),
        );
      }
      return name;
    }
    function stackWithGateway(secretName: string) {
      cfn.on(DescribeStacksCommand, { StackName: 'brokerguard-paper' }).resolves({
        Stacks: [
          {
            StackName: 'brokerguard-paper',
            CreationTime: new Date(),
            StackStatus: 'CREATE_COMPLETE',
            Outputs: [
              { OutputKey: 'BrokerGuardGatewayCluster', OutputValue: 'brokerguard-paper-gateway' },
              { OutputKey: 'BrokerGuardGatewayService', OutputValue: 'brokerguard-paper-gateway' },
              { OutputKey: 'BrokerGuardGatewayLoginSecret', OutputValue: secretName },
            ],
          },
        ],
      });
    }
    const ecsCalls = (op: string) =>
      services.calls.filter((c) => c.service === 'ecs' && c.op === op).map((c) => c.input);

    beforeEach(() => {
      services.calls.length = 0;
    });

    test("status shows the host's task counts", async () => {
      switchIs('false');
      stackWithGateway(await loginSecret(false));
      services.desiredCount = 0;
      const io = recordingIO();
      expect(await runAutomation(['status'], io, deps)).toBe(0);
      expect(io.out()).toContain(
        'gateway host brokerguard-paper-gateway/brokerguard-paper-gateway: 0 running, 0 desired',
      );
    });

    test('pause turns the switch off and scales the host to 0 tasks', async () => {
      switchIs('true');
      stackWithGateway(await loginSecret(true));
      services.desiredCount = 1;
      const io = recordingIO();
      expect(await runAutomation(['pause'], io, deps)).toBe(0);
      expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input.Value).toBe('false');
      expect(ecsCalls('UpdateService')).toEqual([
        expect.objectContaining({
          cluster: 'brokerguard-paper-gateway',
          service: 'brokerguard-paper-gateway',
          desiredCount: 0,
        }),
      ]);
      expect(services.desiredCount).toBe(0);
      expect(io.out()).toContain('scaled from 1 to 0 tasks');
    });

    test('resume refuses while the login is the deploy-time placeholder, even with --force', async () => {
      switchIs('false');
      const secret = await loginSecret(false);
      stackWithGateway(secret);
      services.desiredCount = 0;
      const io = recordingIO();
      expect(await runAutomation(['resume', '--confirm', '--force'], io, deps)).toBe(1);
      expect(io.err()).toContain(`the gateway login ${secret} still holds the placeholder`);
      expect(io.err()).toContain(`aws secretsmanager put-secret-value --secret-id ${secret}`);
      expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(0);
      expect(ecsCalls('UpdateService')).toEqual([]);
      expect(services.desiredCount).toBe(0);
      // The admin role cannot read the value: only the secret's description was asked for.
      expect(secrets.calls).not.toContain('GetSecretValue');
    });

    test('resume --confirm, once the login is put, turns the switch on and starts one task', async () => {
      switchIs('false');
      stackWithGateway(await loginSecret(true));
      services.desiredCount = 0;
      const io = recordingIO();
      expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(0);
      expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input.Value).toBe('true');
      expect(services.desiredCount).toBe(1);
      expect(io.out()).toContain('scaled to 1 task');
    });

    test('resume without --confirm starts nothing', async () => {
      switchIs('false');
      stackWithGateway(await loginSecret(true));
      services.desiredCount = 0;
      const io = recordingIO();
      expect(await runAutomation(['resume'], io, deps)).toBe(0);
      expect(io.out()).toContain('Add --confirm to resume (the gateway host starts 1 task)');
      expect(ecsCalls('UpdateService')).toEqual([]);
    });

    test('resume starts a host the lock-out guard scaled to 0 while the switch stayed on', async () => {
      switchIs('true');
      stackWithGateway(await loginSecret(true));
      services.desiredCount = 0;
      const io = recordingIO();
      expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(0);
      expect(io.out()).toContain('ENABLED but its gateway host has 0 tasks');
      expect(services.desiredCount).toBe(1);
    });

    test('resume refuses while an alarm fires, before starting the host', async () => {
      switchIs('false');
      stackWithGateway(await loginSecret(true));
      services.desiredCount = 0;
      cw.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: [{ AlarmName: 'paper-automation-gateway-restart-loop' }],
      });
      const io = recordingIO();
      expect(await runAutomation(['resume', '--confirm'], io, deps)).toBe(1);
      expect(io.out()).toContain('  - paper-automation-gateway-restart-loop');
      expect(services.desiredCount).toBe(0);
    });
  });
});
