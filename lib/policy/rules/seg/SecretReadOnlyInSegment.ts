import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { AccessAnalysis } from '../../access/access-analysis';
import { defineRule, findings } from '../../rule';

/** A segment's secret is readable only by its own segment's principals and rotation function. */
export default defineRule({
  id: 'BG-SEG-1',
  name: 'SecretReadOnlyInSegment',
  level: NagMessageLevel.ERROR,
  info: "A principal outside the secret's segment can read it (secretsmanager:GetSecretValue, or kms:Decrypt on its key).",
  explanation:
    'Segments mirror the trading architecture: a credential another function can read turns one compromised host into a compromised account.',
  fix: "Remove the grant, or register the principal with the secret's segment (AccessSegment.addMember) if it truly belongs there.",
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (!secret.segment) return NagRuleCompliance.NOT_APPLICABLE;
    const access = AccessAnalysis.of(model);
    const rotation = access.rotationRolesOf(secret);
    return findings(
      access
        .readersOf(secret)
        .filter((p) => p.segment !== secret.segment && !(p.resource && rotation.has(p.resource.id)))
        .map((p) => `Principal::${p.label}`),
    );
  },
});
