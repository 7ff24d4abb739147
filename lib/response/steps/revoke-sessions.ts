import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { SegmentName } from '../../contracts';
import { StepResult } from '../playbook';
import { REVOKE_POLICY_NAME, revokeOlderSessionsPolicy } from '../revoke-policy';
import { PlaybookClients, neverThrows } from './step';

/**
 * Denies everything to every session of the segment's role issued before `now`.
 * IAM is eventually consistent: the deny takes hold within seconds, not at once.
 */
export function revokeSessions(
  segment: SegmentName,
  roleName: string,
  now: Date,
  clients: PlaybookClients,
): Promise<StepResult> {
  const base = { step: 'revoke-sessions', segment, target: roleName } as const;
  return neverThrows(base, async () => {
    await clients.iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: REVOKE_POLICY_NAME,
        PolicyDocument: JSON.stringify(revokeOlderSessionsPolicy(now)),
      }),
    );
    return {
      ...base,
      status: 'done',
      detail: `sessions of role ${roleName} issued before ${now.toISOString()} are denied (${REVOKE_POLICY_NAME})`,
    };
  });
}
