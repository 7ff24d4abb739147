import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../../rule';
import { isLiteralSecretValue } from './literal-value';

/** A secret's value comes from a generator, a parameter or a dynamic reference, never the template text. */
export default defineRule({
  id: 'BG-SEC-1',
  name: 'NoHardCodedSecretString',
  level: NagMessageLevel.ERROR,
  info: 'A Secrets Manager secret has a literal SecretString written in the template (no parameter, dynamic reference or GenerateSecretString).',
  explanation:
    'A value written in the template is in every copy of it: the repository, its history, the CloudFormation console and the synthesized assets; it is no longer a secret.',
  fix: 'Use GenerateSecretString, or pass the value as a NoEcho parameter or a {{resolve:...}} dynamic reference, then rotate the leaked value.',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    const value = secret.properties.SecretString;
    if (value === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return isLiteralSecretValue(model.flatten(value))
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
});
