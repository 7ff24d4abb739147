import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { ECSClient, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  DescribeSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runPlaybookEvent } from '../../lib/response/incident-playbook.lambda';
import { dummyAwsEnv, testClients, testTargets } from './playbook-fixtures';

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
