import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { AUTOMATION_MAX_SESSION_SECONDS } from '../../../contracts';
import { isAutomationRole, numberProp } from '../../model/roles';
import { defineRule } from '../../rule';

/** The trading server's role never hands out a session longer than an hour. */
export default defineRule({
  id: 'BG-IAM-2',
  name: 'AutomationSessionDuration',
  level: NagMessageLevel.ERROR,
  info: 'The automation role allows sessions longer than 1 hour (MaxSessionDuration > 3600).',
  explanation:
    'Short-lived sessions are the point of the automation segment: a stolen session expires within the hour instead of lasting the trading day.',
  fix: 'Set MaxSessionDuration to 3600 or less on the automation role (AccessSegment forces this).',
  resourceTypes: ['AWS::IAM::Role'],
  evaluate(role) {
    if (!isAutomationRole(role)) return NagRuleCompliance.NOT_APPLICABLE;
    const raw = role.properties.MaxSessionDuration;
    // CloudFormation's default is 3600 s.
    const seconds = raw === undefined ? 3600 : numberProp(raw);
    return seconds !== undefined && seconds <= AUTOMATION_MAX_SESSION_SECONDS
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
});
