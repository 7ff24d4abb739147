import { judge } from '../../judge';
import { arn, world } from '../../world';

const RULE = 'BG-KMS-2';

function grant(principal: unknown, action = 'kms:Decrypt', condition?: unknown) {
  const w = world();
  w.AutomationKey.Properties.KeyPolicy.Statement.push({
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  });
  return w;
}

describe('BG-KMS-2 KeyPolicyDecryptInSegment', () => {
  test('Compliance: segment principals, logs service, and the account through Secrets Manager', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: a role of another segment', () => {
    expect(judge(grant({ AWS: arn('ApprovalsRole') }), RULE)).toEqual([
      `${RULE}[Principal::ApprovalsRole] AutomationKey`,
    ]);
  });

  test('Noncompliance: the account root (every IAM policy of the account)', () => {
    const w = grant(
      { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      'kms:*',
    );
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::AccountRoot] AutomationKey`]);
  });

  test('Noncompliance: anyone, even through another service', () => {
    const w = grant('*', 'kms:CreateGrant', {
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::Anyone] AutomationKey`]);
  });

  test('Noncompliance: another account', () => {
    expect(judge(grant({ AWS: '111122223333' }, 'kms:ReEncryptFrom'), RULE)).toEqual([
      `${RULE}[Principal::AWS:111122223333] AutomationKey`,
    ]);
  });
});
