import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runAutomation } from '../../lib/cli/automation';
import { recordingIO } from './cli-fixtures';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret-for-tests';
const ssm = mockClient(SSMClient);
const cw = mockClient(CloudWatchClient);
const cwd = mkdtempSync(join(tmpdir(), 'bg-automation-'));
const deps = () => ({
  ssm: new SSMClient({ region: 'us-east-1' }),
  cloudWatch: new CloudWatchClient({ region: 'us-east-1' }),
  cwd,
});
const NAME = '/brokerguard/paper/automation/enabled';
const switchIs = (Value: string) =>
  ssm.on(GetParameterCommand, { Name: NAME }).resolves({
    Parameter: { Name: NAME, Value, LastModifiedDate: new Date('2026-11-28T14:00:00Z') },
  });

beforeEach(() => {
  ssm.reset();
  cw.reset();
  ssm.on(PutParameterCommand).resolves({});
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
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
});
