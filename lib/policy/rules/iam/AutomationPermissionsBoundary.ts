import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAutomationRole } from '../../model/roles';
import { defineRule } from '../../rule';

/** The automation role is capped by a permissions boundary. */
export default defineRule({
  id: 'BG-IAM-3',
  name: 'AutomationPermissionsBoundary',
  level: NagMessageLevel.ERROR,
  info: 'The automation role has no permissions boundary.',
  explanation:
    'A boundary caps what any later grant can give the trading server, so one careless policy cannot hand it the keys of another segment.',
  fix: 'Set PermissionsBoundary on the automation role to the segment boundary policy (AccessSegment attaches one).',
  resourceTypes: ['AWS::IAM::Role'],
  evaluate(role) {
    if (!isAutomationRole(role)) return NagRuleCompliance.NOT_APPLICABLE;
    return role.properties.PermissionsBoundary === undefined
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
});
