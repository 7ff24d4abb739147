import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { rotationSchedules } from '../../model/rotation';
import { defineRule } from '../../rule';

/**
 * Secrets the kit's credential classes do not describe (untagged, made by other tools) rotate
 * too, or say why not. Classed secrets are judged by BG-ROT-1 (rotation within the class
 * maximum) and BG-ROT-2 (password age alarm); second-factor seeds are manual by nature.
 */
export default defineRule({
  id: 'BG-ROT-4',
  name: 'SecretRotationConfigured',
  level: NagMessageLevel.WARN,
  info: 'A secret without a brokerguard:credential-class tag has no rotation schedule (AWS::SecretsManager::RotationSchedule) in the template.',
  explanation:
    'A secret that never rotates stays valid for as long as any copy of it survives; a deliberate manual secret should say so where a reviewer sees it.',
  fix: 'Add an AWS::SecretsManager::RotationSchedule for the secret, or, for a secret rotated by hand, acknowledge BrokerGuardChecks::BG-ROT-4 on it with how and how often it is rotated.',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (secret.credentialClass) return NagRuleCompliance.NOT_APPLICABLE;
    return rotationSchedules(model).has(secret.id)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
});
