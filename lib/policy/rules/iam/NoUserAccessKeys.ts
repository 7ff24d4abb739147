import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../../rule';

/** Long-lived IAM user keys are what the kit exists to avoid. */
export default defineRule({
  id: 'BG-IAM-6',
  name: 'NoUserAccessKeys',
  level: NagMessageLevel.ERROR,
  info: 'The template creates a long-lived IAM user access key.',
  explanation:
    'A long-lived key never expires and leaks with every copy of a config file; servers get roles (instance profile, task role, Roles Anywhere) instead.',
  fix: 'Delete the AWS::IAM::AccessKey and let the server assume the automation role (EC2, ECS or IAM Roles Anywhere).',
  resourceTypes: ['AWS::IAM::AccessKey'],
  evaluate() {
    return NagRuleCompliance.NON_COMPLIANT;
  },
});
