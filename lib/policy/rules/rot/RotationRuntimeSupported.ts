import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SUPPORTED_LAMBDA_RUNTIMES } from '../../../contracts';
import { referencedId } from '../../model/intrinsics';
import { defineRule } from '../../rule';

/** Rotation functions run on a runtime AWS still patches, whatever their language. */
export default defineRule({
  id: 'BG-ROT-3',
  name: 'RotationRuntimeSupported',
  level: NagMessageLevel.ERROR,
  info: `A rotation function runs on a Lambda runtime AWS has deprecated or does not list (supported: ${SUPPORTED_LAMBDA_RUNTIMES.join(', ')}).`,
  explanation:
    'A rotation function on a deprecated runtime stops receiving security patches and, once AWS blocks updates, cannot be fixed during an incident.',
  fix: 'Move the function to a supported runtime of its language (for example nodejs24.x or python3.13).',
  resourceTypes: ['AWS::Lambda::Function'],
  evaluate(fn, model) {
    const rotates = model
      .byType('AWS::SecretsManager::RotationSchedule')
      .some((rs) => referencedId(rs.properties.RotationLambdaARN) === fn.id);
    if (!rotates) return NagRuleCompliance.NOT_APPLICABLE;
    // A container image function (PackageType Image) has no Runtime: its image decides.
    if (fn.properties.PackageType === 'Image') return NagRuleCompliance.NOT_APPLICABLE;
    const runtime = model.flatten(fn.properties.Runtime);
    return (SUPPORTED_LAMBDA_RUNTIMES as readonly string[]).includes(runtime ?? '')
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
});
