import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SECOND_FACTOR_SEGMENTS } from '../../../contracts';
import { AccessAnalysis } from '../../access/access-analysis';
import { defineRule, findings } from '../../rule';

/** Second-factor material lives only where no automation can reach it. */
export default defineRule({
  id: 'BG-SEG-2',
  name: 'SecondFactorPlacement',
  level: NagMessageLevel.ERROR,
  info: 'Second-factor material is stored outside the approvals/admin segments or is readable by an automation principal.',
  explanation:
    'A second factor the trading server can read is no second factor: one compromised host then holds both the password and the proof of presence.',
  fix: 'Keep second-factor secrets in the approvals or admin segment and grant no automation principal read or decrypt on them.',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (secret.credentialClass !== 'second-factor') return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    if (!secret.segment || !SECOND_FACTOR_SEGMENTS.includes(secret.segment)) {
      out.push(`Segment::${secret.segment ?? 'none'}`);
    }
    for (const p of AccessAnalysis.of(model).readersOf(secret)) {
      if (p.segment === 'automation') out.push(`Principal::${p.label}`);
    }
    return findings(out);
  },
});
