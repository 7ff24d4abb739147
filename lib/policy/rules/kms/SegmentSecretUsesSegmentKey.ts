import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAwsManagedSecretsKey, keyOf } from '../../model/keys';
import { defineRule, findings } from '../../rule';

/** A segment's secrets are encrypted with that segment's own rotating key. */
export default defineRule({
  id: 'BG-KMS-1',
  name: 'SegmentSecretUsesSegmentKey',
  level: NagMessageLevel.ERROR,
  info: "The segment secret is not encrypted with its segment's customer-managed key, or that key does not rotate.",
  explanation:
    "The segment key's policy is the second wall around a secret: with the AWS managed key or another segment's key, anyone who may use that key can decrypt it.",
  fix: "Set KmsKeyId to the segment's key (tagged with the same brokerguard:segment) and EnableKeyRotation true on it.",
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (!secret.segment) return NagRuleCompliance.NOT_APPLICABLE;
    const value = secret.properties.KmsKeyId;
    if (isAwsManagedSecretsKey(model, value)) return ['NoCustomerManagedKey'];
    const key = keyOf(model, value);
    if (!key) {
      const flat = model.flatten(value);
      if (!flat?.includes('${?}')) {
        model.noteUnresolved(`KmsKeyId of ${secret.id} (${flat}) is not a key of this template`);
      }
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const out: string[] = [];
    if (key.segment !== secret.segment) out.push(`KeyOfOtherSegment::${key.segment ?? 'none'}`);
    const rotation = key.properties.EnableKeyRotation;
    if (rotation !== true && rotation !== 'true') out.push('KeyRotationOff');
    return findings(out);
  },
});
