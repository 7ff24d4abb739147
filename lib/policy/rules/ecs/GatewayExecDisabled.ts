import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { gatewayTaskOfService } from '../../model/tasks';
import { defineRule } from '../../rule';

/** Nobody opens a shell in the container that holds the broker login. */
export default defineRule({
  id: 'BG-ECS-3',
  name: 'GatewayExecDisabled',
  level: NagMessageLevel.ERROR,
  info: 'An ECS service that runs a gateway task (or is tagged with a segment) has ECS Exec enabled.',
  explanation:
    'ECS Exec gives a shell in the running gateway, where the broker login sits in the environment: it is a path to the credentials and the API around every other control.',
  fix: 'Set EnableExecuteCommand to false (GatewayHost does); read the container logs instead, or acknowledge a time-boxed debugging session.',
  resourceTypes: ['AWS::ECS::Service'],
  evaluate(service, model) {
    if (!service.segment && !gatewayTaskOfService(model, service)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const exec = service.properties.EnableExecuteCommand;
    return exec === true || exec === 'true'
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
});
