import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  DescribeSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { planSteps, runPlaybook } from '../../lib/response/runner';
import { dummyAwsEnv, testClients, testTargets } from './playbook-fixtures';

dummyAwsEnv();
const iam = mockClient(IAMClient);
const sm = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);
const ec2 = mockClient(EC2Client);
const now = new Date('2026-11-28T14:00:00.000Z');
const boom = (name: string) =>
  Object.assign(new Error(`${name} refused`), { name: 'AccessDeniedException' });

function allSucceed(): void {
  for (const m of [iam, sm, ssm, ecs, ec2]) m.reset();
  iam.on(PutRolePolicyCommand).resolves({});
  sm.on(RotateSecretCommand).resolves({ VersionId: 'v2' });
  sm.on(DescribeSecretCommand).resolves({
    LastChangedDate: new Date('2026-01-01T00:00:00Z'),
    Tags: [],
  });
  sm.on(TagResourceCommand).resolves({});
  ssm.on(PutParameterCommand).resolves({});
  ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
  ecs.on(UpdateServiceCommand).resolves({});
  ec2.on(StopInstancesCommand).resolves({
    StoppingInstances: [{ PreviousState: { Name: 'running' }, CurrentState: { Name: 'stopping' } }],
  });
}
beforeEach(allSucceed);

const lostAutomation = {
  playbook: 'lost-device',
  scope: 'automation',
  requestedBy: 'alice',
} as const;
const rolesAnywhereDone = { status: 'done' } as const;

describe('runPlaybook', () => {
  test('lost-device for automation does every step, in report order', async () => {
    // WHEN
    const report = await runPlaybook(lostAutomation, testTargets(), testClients(), {
      now,
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:run1',
      rolesAnywhere: rolesAnywhereDone,
    });
    // THEN
    expect(report.outcome).toBe('completed');
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'revoke-sessions:done',
      'disable-roles-anywhere:done',
      'pause-automation:done',
      'stop-ecs-service:done',
      'stop-ec2-instance:done',
      'rotate-credential:done',
      'flag-manual-credential:done',
    ]);
    expect(report).toMatchObject({
      schema: 'brokerguard.incident/1',
      deployment: 'paper',
      playbook: 'lost-device',
      scope: 'automation',
      segments: ['automation'],
      requestedBy: 'alice',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:run1',
      startedAt: '2026-11-28T14:00:00.000Z',
    });
    expect(report.brokerChecklist.join('\n')).toMatch(/revoke the lost device's trust/);
    // only the automation segment's resources were touched
    expect(iam.commandCalls(PutRolePolicyCommand).map((c) => c.args[0].input.RoleName)).toEqual([
      'paper-automation-role',
    ]);
    expect(sm.commandCalls(TagResourceCommand).map((c) => c.args[0].input.SecretId)).toEqual([
      expect.stringContaining('paper/automation/gateway-login'),
    ]);
  });

  test('suspected-exposure skips the device step and says why', async () => {
    const report = await runPlaybook(
      { ...lostAutomation, playbook: 'suspected-exposure' },
      testTargets(),
      testClients(),
      {
        now,
      },
    );
    expect(report.steps.find((s) => s.step === 'disable-roles-anywhere')).toMatchObject({
      status: 'skipped',
      detail: 'suspected-exposure has no device steps',
    });
    expect(report.outcome).toBe('completed');
  });

  test('scope all revokes the four roles and touches every segment credential', async () => {
    const report = await runPlaybook(
      { ...lostAutomation, scope: 'all' },
      testTargets(),
      testClients(),
      {
        now,
        rolesAnywhere: rolesAnywhereDone,
      },
    );
    expect(
      iam
        .commandCalls(PutRolePolicyCommand)
        .map((c) => c.args[0].input.RoleName)
        .sort(),
    ).toEqual([
      'paper-admin-role',
      'paper-approvals-role',
      'paper-automation-role',
      'paper-execution-role',
    ]);
    expect(report.steps.filter((s) => s.step === 'flag-manual-credential')).toHaveLength(2);
  });

  test('a segment without a Roles Anywhere profile skips that step', async () => {
    const report = await runPlaybook(
      lostAutomation,
      testTargets({ rolesAnywhereProfileArn: undefined }),
      testClients(),
      {
        now,
      },
    );
    expect(report.steps.find((s) => s.step === 'disable-roles-anywhere')?.status).toBe('skipped');
  });

  test('a segment other than automation has no Roles Anywhere line', async () => {
    const report = await runPlaybook(
      { ...lostAutomation, scope: 'approvals' },
      testTargets(),
      testClients(),
      { now },
    );
    expect(report.steps.map((s) => s.step)).not.toContain('disable-roles-anywhere');
    expect(report.steps[0]).toMatchObject({
      step: 'revoke-sessions',
      segment: 'approvals',
      status: 'done',
    });
  });

  // Each step failing alone: the others still run and are done.
  const failures: [string, () => void][] = [
    ['revoke-sessions', () => iam.on(PutRolePolicyCommand).rejects(boom('iam'))],
    ['pause-automation', () => ssm.on(PutParameterCommand).rejects(boom('ssm'))],
    ['stop-ecs-service', () => ecs.on(UpdateServiceCommand).rejects(boom('ecs'))],
    ['stop-ec2-instance', () => ec2.on(StopInstancesCommand).rejects(boom('ec2'))],
    ['rotate-credential', () => sm.on(RotateSecretCommand).rejects(boom('rotate'))],
    ['flag-manual-credential', () => sm.on(TagResourceCommand).rejects(boom('tag'))],
  ];
  test.each(failures)(
    'when %s fails alone, every other step is still done',
    async (failing, breakIt) => {
      // GIVEN
      breakIt();
      // WHEN
      const report = await runPlaybook(lostAutomation, testTargets(), testClients(), {
        now,
        rolesAnywhere: rolesAnywhereDone,
      });
      // THEN
      expect(report.outcome).toBe('completed-with-failures');
      for (const s of report.steps) {
        if (s.step === failing)
          expect(s).toMatchObject({
            status: 'failed',
            detail: expect.stringMatching(/AccessDeniedException: .* refused/),
          });
        else expect(s.status).toBe('done');
      }
    },
  );

  test('a Roles Anywhere failure in the state machine shows as failed with its cause', async () => {
    const report = await runPlaybook(lostAutomation, testTargets(), testClients(), {
      now,
      rolesAnywhere: { status: 'failed', error: 'RolesAnywhere.AccessDeniedException: no' },
    });
    expect(report.steps.find((s) => s.step === 'disable-roles-anywhere')).toMatchObject({
      status: 'failed',
      detail: 'RolesAnywhere.AccessDeniedException: no',
    });
  });

  test('a re-run after a partial failure finishes the failed step and repeats the others harmlessly', async () => {
    // GIVEN a first run where the switch could not be written and a rotation was left running
    ssm.on(PutParameterCommand).rejects(boom('ssm'));
    const first = await runPlaybook(lostAutomation, testTargets(), testClients(), {
      now,
      rolesAnywhere: rolesAnywhereDone,
    });
    expect(first.steps.find((s) => s.step === 'pause-automation')?.status).toBe('failed');
    // WHEN the cause is fixed and the playbook runs again
    allSucceed();
    sm.on(RotateSecretCommand).rejects(
      Object.assign(new Error("A previous rotation isn't complete."), {
        name: 'InvalidRequestException',
      }),
    );
    sm.on(DescribeSecretCommand).resolves({
      LastChangedDate: new Date('2026-01-01T00:00:00Z'),
      Tags: [{ Key: 'brokerguard:compromised', Value: now.toISOString() }],
    });
    ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    const later = new Date(now.getTime() + 60_000);
    const second = await runPlaybook(lostAutomation, testTargets(), testClients(), {
      now: later,
      rolesAnywhere: rolesAnywhereDone,
    });
    // THEN nothing failed, nothing was done twice that should not be
    expect(second.outcome).toBe('completed');
    expect(second.steps.find((s) => s.step === 'rotate-credential')?.status).toBe('skipped');
    expect(sm.commandCalls(TagResourceCommand)).toHaveLength(0);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(1);
  });

  test('a segment missing from the deployment fails its revoke line instead of vanishing', async () => {
    const targets = testTargets();
    const report = await runPlaybook(
      { ...lostAutomation, scope: 'execution' },
      { ...targets, segments: { automation: targets.segments.automation } },
      testClients(),
      { now },
    );
    expect(report.steps[0]).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/has no role/),
    });
  });
});

describe('planSteps', () => {
  test('binds each step to exactly one target of the scope', () => {
    const plan = planSteps(lostAutomation, testTargets(), now);
    expect(plan.map((p) => [p.step, p.target])).toEqual([
      ['revoke-sessions', 'paper-automation-role'],
      ['pause-automation', '/brokerguard/paper/automation/enabled'],
      ['stop-ecs-service', 'trading/bot'],
      ['stop-ec2-instance', 'i-0123456789abcdef0'],
      ['rotate-credential', 'paper/automation/ibkr-session'],
      ['flag-manual-credential', 'paper/automation/gateway-login'],
    ]);
  });
});
