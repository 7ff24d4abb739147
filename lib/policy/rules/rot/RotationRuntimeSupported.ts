import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SUPPORTED_NODE_RUNTIMES } from '../../../contracts';
import { referencedId } from '../../model/intrinsics';
import { defineRule } from '../../rule';

/** Rotation functions run on a Node.js runtime AWS still patches. */
export default defineRule({
  id: 'BG-ROT-3',
  name: 'RotationRuntimeSupported',
  level: NagMessageLevel.ERROR,
  info: `A rotation function does not run on a supported Node.js runtime (${SUPPORTED_NODE_RUNTIMES.join(', ')}).`,
  explanation:
    'A rotation function on a deprecated runtime stops receiving security patches and, once AWS blocks updates, cannot be fixed during an incident.',
  fix: `Set Runtime to ${SUPPORTED_NODE_RUNTIMES[SUPPORTED_NODE_RUNTIMES.length - 1]} (or another of ${SUPPORTED_NODE_RUNTIMES.join(', ')}).`,
  resourceTypes: ['AWS::Lambda::Function'],
  evaluate(fn, model) {
    const rotates = model
      .byType('AWS::SecretsManager::RotationSchedule')
      .some((rs) => referencedId(rs.properties.RotationLambdaARN) === fn.id);
    if (!rotates) return NagRuleCompliance.NOT_APPLICABLE;
    const runtime = model.flatten(fn.properties.Runtime);
    return (SUPPORTED_NODE_RUNTIMES as readonly string[]).includes(runtime ?? '')
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
});
