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

  test('Noncompliance: anyone', () => {
    expect(judge(grant('*', 'kms:CreateGrant'), RULE)).toEqual([
      `${RULE}[Principal::Anyone] AutomationKey`,
    ]);
  });

  test('Noncompliance: a kms:ViaService wildcard is no limit', () => {
    const w = grant({ AWS: arn('ApprovalsRole') }, 'kms:Decrypt', {
      StringLike: { 'kms:ViaService': '*' },
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::ApprovalsRole] AutomationKey`]);
  });

  test('Compliance: publishers of an encrypted topic, through SNS and pinned to the topic', () => {
    const w = grant(
      { AWS: arn('ApprovalsRole') },
      ['kms:Decrypt', 'kms:GenerateDataKey*'] as unknown as string,
      {
        StringEquals: {
          'kms:ViaService': 'sns.us-east-1.amazonaws.com',
          'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:us-east-1:123456789012:alerts',
        },
      },
    );
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: an encryption context of a secret is no limit', () => {
    const w = grant({ AWS: arn('ApprovalsRole') }, 'kms:Decrypt', {
      StringEquals: {
        'kms:EncryptionContext:SecretARN': 'arn:aws:secretsmanager:us-east-1:1:secret:x',
      },
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::ApprovalsRole] AutomationKey`]);
  });

  test('Noncompliance: another account', () => {
    expect(judge(grant({ AWS: '111122223333' }, 'kms:ReEncryptFrom'), RULE)).toEqual([
      `${RULE}[Principal::AWS:111122223333] AutomationKey`,
    ]);
  });
});
