import { judge } from '../../judge';
import { arn, ref, world } from '../../world';

const RULE = 'BG-KMS-1';

describe('BG-KMS-1 SegmentSecretUsesSegmentKey', () => {
  test('Compliance: each secret uses its segment key, also through an alias', () => {
    const w = world();
    w.AutomationAlias = {
      Type: 'AWS::KMS::Alias',
      Properties: {
        AliasName: 'alias/brokerguard/paper/automation',
        TargetKeyId: ref('AutomationKey'),
      },
    };
    w.SessionSecret.Properties.KmsKeyId = 'alias/brokerguard/paper/automation';
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: the AWS managed key', () => {
    const w = world();
    delete w.SessionSecret.Properties.KmsKeyId;
    expect(judge(w, RULE)).toEqual([`${RULE}[NoCustomerManagedKey] SessionSecret`]);
  });

  test("Noncompliance: another segment's key", () => {
    const w = world();
    w.SessionSecret.Properties.KmsKeyId = arn('ApprovalsKey');
    expect(judge(w, RULE)).toEqual([`${RULE}[KeyOfOtherSegment::approvals] SessionSecret`]);
  });

  test('Noncompliance: key rotation off', () => {
    const w = world();
    w.AutomationKey.Properties.EnableKeyRotation = false;
    expect(judge(w, RULE)).toEqual([
      `${RULE}[KeyRotationOff] GatewayPasswordSecret`,
      `${RULE}[KeyRotationOff] SessionSecret`,
    ]);
  });
});
