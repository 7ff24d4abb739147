import { REVOKE_POLICY_NAME, revokeOlderSessionsPolicy } from '../../lib/response/revoke-policy';

describe('revokeOlderSessionsPolicy', () => {
  test('denies everything to sessions issued before the given time, exactly as IAM documents it', () => {
    // GIVEN
    const now = new Date('2026-11-28T13:46:14.123Z');
    // WHEN
    const policy = revokeOlderSessionsPolicy(now);
    // THEN
    expect(JSON.stringify(policy)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],' +
        '"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-28T13:46:14.123Z"}}}]}',
    );
    expect(REVOKE_POLICY_NAME).toBe('AWSRevokeOlderSessions');
  });
});
