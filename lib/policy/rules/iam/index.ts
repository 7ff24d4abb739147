import AutomationPermissionsBoundary from './AutomationPermissionsBoundary';
import AutomationSessionDuration from './AutomationSessionDuration';
import HumanRoleRequiresMfa from './HumanRoleRequiresMfa';

/** Identity rules: MFA for people, short bounded sessions for automation. */
export const IAM_RULES = [
  HumanRoleRequiresMfa,
  AutomationSessionDuration,
  AutomationPermissionsBoundary,
];
