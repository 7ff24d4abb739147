import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAutomationRole } from '../../model/roles';
import { isGatewayTaskDefinition } from '../../model/tasks';
import { defineRule } from '../../rule';

/** A gateway task runs as the automation segment's role, inside its permissions boundary. */
export default defineRule({
  id: 'BG-ECS-1',
  name: 'GatewayTaskRoleInSegment',
  level: NagMessageLevel.ERROR,
  info: "A gateway task definition (gateway image, API port or segment tag) has no task role, or one that is not the automation segment's role.",
  explanation:
    'The gateway holds the broker login: running it as any other role puts it outside the automation boundary, where nothing caps what its credentials can reach.',
  fix: "Set the task role to the automation segment's role (GatewayHost does) and keep the execution role separate; tag the task definition brokerguard:segment=automation.",
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  evaluate(td, model) {
    if (!isGatewayTaskDefinition(model, td)) return NagRuleCompliance.NOT_APPLICABLE;
    if (td.segment && td.segment !== 'automation') return [`Segment::${td.segment}`];
    const ref = td.properties.TaskRoleArn;
    if (ref === undefined) return ['TaskRole::None'];
    const role = model.target(ref);
    if (!role) {
      model.noteUnresolved(`${td.id}.TaskRoleArn (a role outside the template)`);
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return isAutomationRole(role) ? NagRuleCompliance.COMPLIANT : [`TaskRole::${role.id}`];
  },
});
