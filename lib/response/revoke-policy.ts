/** The inline policy name IAM's console uses for "Revoke active sessions"; kept for familiarity. */
export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

/**
 * The policy that revokes every session of a role issued before `now`.
 *
 * An explicit deny wins over every allow and over the permissions boundary, and it keys on
 * `aws:TokenIssueTime`, so sessions minted after `now` (the trading server's next refresh,
 * the admin's next sign-in) work again at once. Putting it again with a later time is the
 * idempotent re-run: the cut-off only moves forward.
 *
 * This deny-all is the only document the playbook puts, but IAM has no condition key on a put
 * policy's name or content, so the playbook's `iam:PutRolePolicy` cannot be limited to it.
 * What bounds the permission instead (playbook-function.ts): it applies only to roles that
 * carry a kit permissions boundary (`iam:PermissionsBoundary`), which caps whatever is put,
 * and the playbook may never set or delete a boundary.
 */
export function revokeOlderSessionsPolicy(now: Date): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': now.toISOString() } },
      },
    ],
  };
}
