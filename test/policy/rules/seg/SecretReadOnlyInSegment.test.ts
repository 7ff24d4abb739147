import { judge } from '../../judge';
import { arn, ref, world } from '../../world';

const RULE = 'BG-SEG-1';

describe('BG-SEG-1 SecretReadOnlyInSegment', () => {
  test('Compliance: only the segment role and the rotation function read the session secret', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: a role of another segment is granted GetSecretValue', () => {
    // GIVEN
    const w = world();
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: ref('GatewayPasswordSecret'),
    });
    // A secret whose resource policy forgot the deny: identity grants alone decide.
    delete (w as Record<string, unknown>).GatewayPasswordSecretPolicy;
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::ApprovalsRole] GatewayPasswordSecret`]);
  });

  test('Noncompliance: the segment key lets a role of another segment decrypt', () => {
    // GIVEN
    const w = world();
    w.AutomationKey.Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: arn('ApprovalsRole') },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
    // WHEN / THEN: every automation secret is readable through its key
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Principal::ApprovalsRole] GatewayPasswordSecret`,
      `${RULE}[Principal::ApprovalsRole] SessionSecret`,
    ]);
  });

  test('Noncompliance: an untagged role gets kms:Decrypt through the account delegation', () => {
    // GIVEN
    const w = world();
    w.AutomationKey.Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    });
    w.Reporting = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 'kms:Decrypt', Resource: arn('AutomationKey') },
              ],
            },
          },
        ],
      },
    };
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Principal::Reporting] GatewayPasswordSecret`,
      `${RULE}[Principal::Reporting] SessionSecret`,
    ]);
  });

  test('Noncompliance: the resource policy allows another account and its deny has a loophole', () => {
    // GIVEN: a deny that only applies off the VPC endpoint (conditions are ANDed)
    const w = world();
    const statements = w.SessionSecretPolicy.Properties.ResourcePolicy.Statement;
    statements[0].Condition.StringNotEquals = { 'aws:SourceVpce': 'vpce-1234' };
    statements.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Principal::AWS:arn:aws:iam::111122223333:root] SessionSecret`,
    ]);
  });

  test('Compliance: the deny outside the segment also stops another account', () => {
    const w = world();
    w.SessionSecretPolicy.Properties.ResourcePolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Compliance: a deny-outside-segment policy overrides a stray identity grant', () => {
    // GIVEN: the approvals role is granted the session secret, but the secret denies it
    const w = world();
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([]);
  });
});
