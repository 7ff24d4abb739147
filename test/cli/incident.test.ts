import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { IncidentDeps, runIncident } from '../../lib/cli/incident';
import { recordingIO } from './cli-fixtures';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret-for-tests';
const cfn = mockClient(CloudFormationClient);
const sfn = mockClient(SFNClient);
const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:brokerguard-paper-incident';
const EXEC = 'arn:aws:states:us-east-1:123456789012:execution:brokerguard-paper-incident:run1';
const emptyDir = mkdtempSync(join(tmpdir(), 'bg-incident-'));

function deps(over: Partial<IncidentDeps> = {}): () => IncidentDeps {
  return () => ({
    cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
    sfn: new SFNClient({ region: 'us-east-1' }),
    sleep: async () => undefined,
    now: () => new Date('2026-11-28T14:00:00.000Z'),
    cwd: emptyDir,
    followTimeoutMs: 60_000,
    ...over,
  });
}

function deployed(): void {
  cfn.on(DescribeStacksCommand, { StackName: 'brokerguard-paper' }).resolves({
    Stacks: [
      {
        StackName: 'brokerguard-paper',
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [
          { OutputKey: 'BrokerGuardIncidentStateMachineArn', OutputValue: SM },
          {
            OutputKey: 'BrokerGuardAutomationSwitchParameter',
            OutputValue: '/brokerguard/paper/automation/enabled',
          },
        ],
      },
    ],
  });
}
const finished = (outcome: string, extra: object = {}) => ({
  status: 'SUCCEEDED' as const,
  output: JSON.stringify({
    outcome,
    text: `REPORT ${outcome}\n`,
    audit: { status: 'done' },
    notification: { status: 'done' },
    ...extra,
  }),
});

beforeEach(() => {
  cfn.reset();
  sfn.reset();
});

describe('brokerguard incident', () => {
  test('without --confirm prints the plan and touches nothing', async () => {
    const io = recordingIO();
    const code = await runIncident(['lost-device', '--segment', 'automation'], io, deps());
    expect(code).toBe(0);
    expect(io.out()).toMatch(/plan:\n {2}1\. revoke every session of the automation role/);
    expect(io.out()).toMatch(/nothing done\. Add --confirm to start it\./);
    expect(cfn.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('with --confirm starts the playbook, follows it to the end and prints the report', async () => {
    // GIVEN
    deployed();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXEC, startDate: new Date() });
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING' } as never)
      .resolves(finished('completed') as never);
    const io = recordingIO({ AWS_PROFILE: 'bg-admin' });
    // WHEN
    const code = await runIncident(
      ['lost-device', '--segment', 'automation', '--confirm'],
      io,
      deps(),
    );
    // THEN
    expect(code).toBe(0);
    const start = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(start.stateMachineArn).toBe(SM);
    expect(start.name).toBe('lost-device-automation-20261128T140000Z');
    const input = JSON.parse(start.input!);
    expect(input).toMatchObject({ playbook: 'lost-device', scope: 'automation' });
    expect(input.requestedBy).toMatch(/profile bg-admin, access key AKIAEXAMPLEEXAMPLE00$/);
    expect(io.out()).toContain('REPORT completed');
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(2);
  });

  test('a run with a failed step exits 1 and says if the audit record failed', async () => {
    deployed();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXEC, startDate: new Date() });
    sfn.on(DescribeExecutionCommand).resolves(
      finished('completed-with-failures', {
        audit: { status: 'failed', cause: 'AccessDenied' },
      }) as never,
    );
    const io = recordingIO();
    expect(
      await runIncident(['suspected-exposure', '--segment', 'all', '--confirm'], io, deps()),
    ).toBe(1);
    expect(io.err()).toContain('warning: the audit record failed: AccessDenied');
  });

  test("when the playbook revokes the caller's own admin session, says so instead of failing", async () => {
    deployed();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXEC, startDate: new Date() });
    sfn
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const io = recordingIO();
    expect(await runIncident(['lost-device', '--segment', 'all', '--confirm'], io, deps())).toBe(0);
    expect(io.out()).toMatch(/own admin session has just been revoked.*\n.*incident status/s);
  });

  test('an unknown segment is a usage error naming the allowed ones', async () => {
    const io = recordingIO();
    expect(await runIncident(['lost-device', '--segment', 'phone'], io, deps())).toBe(2);
    expect(io.err()).toMatch(
      /--segment: got "phone"; allowed: automation, execution, approvals, admin, all/,
    );
  });

  test('a playbook without --segment is a usage error', async () => {
    const io = recordingIO();
    expect(await runIncident(['lost-device', '--confirm'], io, deps())).toBe(2);
    expect(io.err()).toMatch(/--segment is required/);
  });

  test('an unknown action is a usage error', async () => {
    const io = recordingIO();
    expect(await runIncident(['panic'], io, deps())).toBe(2);
    expect(io.err()).toMatch(
      /unknown action "panic"; allowed: lost-device, suspected-exposure, status/,
    );
  });

  test('no action at all names the actions there are', async () => {
    const io = recordingIO();
    expect(await runIncident([], io, deps())).toBe(2);
    expect(io.err()).toBe(
      'brokerguard incident: name an action: lost-device, suspected-exposure, status (see brokerguard incident --help)\n',
    );
  });

  test('missing credentials get a clear sentence, not a stack trace', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const io = recordingIO();
    expect(await runIncident(['lost-device', '--segment', 'admin', '--confirm'], io, deps())).toBe(
      2,
    );
    expect(io.err()).toMatch(/no AWS credentials found: sign in to your admin profile with MFA/);
    expect(sfn.calls()).toHaveLength(0);
  });

  test('a deployment that does not exist is named with its region', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id brokerguard-live does not exist'), {
        name: 'ValidationError',
      }),
    );
    const io = recordingIO();
    expect(
      await runIncident(
        ['lost-device', '--segment', 'admin', '--deployment', 'live', '--confirm'],
        io,
        deps(),
      ),
    ).toBe(2);
    expect(io.err()).toMatch(
      /deployment "live" does not exist in us-east-1 \(no stack brokerguard-live\)/,
    );
  });

  test('the deployment defaults to the one in cdk.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-cdkjson-'));
    writeFileSync(
      join(dir, 'cdk.json'),
      JSON.stringify({ context: { brokerguard: { deployment: { name: 'live' } } } }),
    );
    const io = recordingIO();
    await runIncident(['suspected-exposure', '--segment', 'execution'], io, deps({ cwd: dir }));
    expect(io.out()).toContain('(deployment live)');
  });

  test('status lists recent runs and prints the latest report', async () => {
    deployed();
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        {
          executionArn: EXEC,
          stateMachineArn: SM,
          name: 'lost-device-automation-20261128T140000Z',
          status: 'SUCCEEDED',
          startDate: new Date('2026-11-28T14:00:00Z'),
        },
        {
          executionArn: `${EXEC}x`,
          stateMachineArn: SM,
          name: 'suspected-exposure-admin-20261127T140000Z',
          status: 'SUCCEEDED',
          startDate: new Date('2026-11-27T14:00:00Z'),
        },
        {
          executionArn: `${EXEC}auto`,
          stateMachineArn: SM,
          name: '6f1c2d9e-auto-containment-run',
          status: 'SUCCEEDED',
          startDate: new Date('2026-11-26T14:00:00Z'),
        },
      ],
    });
    sfn.on(DescribeExecutionCommand).resolves(finished('completed') as never);
    const io = recordingIO();
    expect(await runIncident(['status', '--segment', 'automation'], io, deps())).toBe(0);
    expect(io.out()).toContain('SUCCEEDED lost-device-automation-20261128T140000Z');
    expect(io.out()).not.toContain('suspected-exposure-admin');
    // an auto-containment run names no scope: it is kept, not hidden
    expect(io.out()).toContain('6f1c2d9e-auto-containment-run');
    expect(io.out()).toContain('REPORT completed');
  });
});
