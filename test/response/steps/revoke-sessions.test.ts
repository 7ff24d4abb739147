import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { revokeSessions } from '../../../lib/response/steps/revoke-sessions';
import { dummyAwsEnv, testClients } from '../playbook-fixtures';

dummyAwsEnv();
const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

describe('revokeSessions', () => {
  const now = new Date('2026-11-28T14:00:00.000Z');

  test('puts the AWSRevokeOlderSessions deny with the time of the run on the segment role', async () => {
    // GIVEN
    iam.on(PutRolePolicyCommand).resolves({});
    // WHEN
    const result = await revokeSessions('automation', 'paper-automation-role', now, testClients());
    // THEN
    expect(result).toMatchObject({
      step: 'revoke-sessions',
      segment: 'automation',
      status: 'done',
    });
    expect(result.detail).toContain('2026-11-28T14:00:00.000Z');
    const input = iam.commandCalls(PutRolePolicyCommand)[0].args[0].input;
    expect(input.RoleName).toBe('paper-automation-role');
    expect(input.PolicyName).toBe('AWSRevokeOlderSessions');
    expect(JSON.parse(input.PolicyDocument!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-11-28T14:00:00.000Z' } },
        },
      ],
    });
  });

  test('reports a refused call as failed with the reason instead of throwing', async () => {
    // GIVEN
    const denied = Object.assign(new Error('not authorized to perform iam:PutRolePolicy'), {
      name: 'AccessDenied',
    });
    iam.on(PutRolePolicyCommand).rejects(denied);
    // WHEN
    const result = await revokeSessions('admin', 'paper-admin-role', now, testClients());
    // THEN
    expect(result).toEqual({
      step: 'revoke-sessions',
      segment: 'admin',
      target: 'paper-admin-role',
      status: 'failed',
      detail: 'AccessDenied: not authorized to perform iam:PutRolePolicy',
    });
  });
});
