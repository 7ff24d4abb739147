import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isBoundToOtherData } from '../../access/key-grant-scope';
import {
  externalLabel,
  isAccountRoot,
  principalNames,
  templatePrincipals,
} from '../../access/principals';
import { conditionValues, coversAction, readPolicyDocument } from '../../model/policy-document';
import { defineRule, findings } from '../../rule';

/** Actions that yield plaintext or hand the power to someone else. */
const DECRYPTING = ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant'];

/** A segment key's policy lets only the segment's principals decrypt. */
export default defineRule({
  id: 'BG-KMS-2',
  name: 'KeyPolicyDecryptInSegment',
  level: NagMessageLevel.ERROR,
  info: 'The segment key policy grants kms:Decrypt (or ReEncryptFrom, CreateGrant) to a principal outside the segment, the account root, or anyone.',
  explanation:
    "Granting the account root decrypt delegates it to every IAM policy in the account; the segment key must name its segment's principals, so a stray grant elsewhere cannot open its secrets.",
  fix: 'Grant decrypt in the key policy only to the segment role and its members (AccessSegment.addMember); limit other uses with kms:ViaService or a kms:EncryptionContext condition.',
  resourceTypes: ['AWS::KMS::Key'],
  evaluate(key, model) {
    if (!key.segment) return NagRuleCompliance.NOT_APPLICABLE;
    const tps = templatePrincipals(model);
    const out: string[] = [];
    for (const s of readPolicyDocument(model, key.properties.KeyPolicy)) {
      if (s.effect !== 'Allow' || !DECRYPTING.some((a) => coversAction(s, a))) continue;
      // Through a named service (Secrets Manager decrypts only for callers it let read; SNS
      // only its topic's messages), or pinned to another encryption context: no secret opens.
      const via = conditionValues(s, ['StringEquals', 'StringLike'], 'kms:ViaService') ?? [];
      if (via.length && via.every((v) => !v.includes('*'))) continue;
      if (isBoundToOtherData(s)) continue;
      if (s.notPrincipals) out.push('Principal::NotPrincipal');
      for (const p of s.principals ?? []) {
        if (p.kind === 'Service') continue;
        const tp = tps.find((t) => p.kind === 'AWS' && principalNames(p, t));
        if (tp) {
          if (tp.resource.segment !== key.segment) out.push(`Principal::${tp.resource.id}`);
        } else {
          out.push(`Principal::${isAccountRoot(p) ? 'AccountRoot' : externalLabel(p)}`);
        }
      }
    }
    return findings(out);
  },
});
