import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { containersOf, isGatewayTaskDefinition } from '../../model/tasks';
import { defineRule, findings } from '../../rule';

/** A gateway container cannot be changed under it where its image allows a read-only root. */
export default defineRule({
  id: 'BG-ECS-2',
  name: 'GatewayRootFilesystemReadOnly',
  level: NagMessageLevel.WARN,
  info: 'A container of a gateway task definition runs with a writable root filesystem.',
  explanation:
    'A read-only root keeps whoever reaches the container from planting code or changing its config between restarts; some gateway images write their config at start and cannot run so.',
  fix: 'Set ReadonlyRootFilesystem: true with writable volumes where the image writes, or acknowledge the finding with the reason the image needs a writable root.',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  evaluate(td, model) {
    if (!isGatewayTaskDefinition(model, td)) return NagRuleCompliance.NOT_APPLICABLE;
    return findings(
      containersOf(td)
        .filter((c) => c.ReadonlyRootFilesystem !== true && c.ReadonlyRootFilesystem !== 'true')
        .map((c) => `Container::${String(c.Name ?? '?')}`),
    );
  },
});
