import HumanRoleRequiresMfa from './HumanRoleRequiresMfa';
import AutomationSessionDuration from './AutomationSessionDuration';
import AutomationPermissionsBoundary from './AutomationPermissionsBoundary';
import AutomationNoWildcardActions from './AutomationNoWildcardActions';
import AutomationNoPrivilegeEscalation from './AutomationNoPrivilegeEscalation';
import NoUserAccessKeys from './NoUserAccessKeys';

/** Identity: MFA for people, short bounded sessions and no escalation for automation, no long-lived keys. */
export const IAM_RULES = [
  HumanRoleRequiresMfa,
  AutomationSessionDuration,
  AutomationPermissionsBoundary,
  AutomationNoWildcardActions,
  AutomationNoPrivilegeEscalation,
  NoUserAccessKeys,
];
