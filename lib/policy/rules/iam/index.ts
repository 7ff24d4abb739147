import HumanRoleRequiresMfa from './HumanRoleRequiresMfa';
import AutomationSessionDuration from './AutomationSessionDuration';
import AutomationPermissionsBoundary from './AutomationPermissionsBoundary';
import AutomationNoWildcardActions from './AutomationNoWildcardActions';
import NoPrivilegeEscalation from './NoPrivilegeEscalation';
import NoUserAccessKeys from './NoUserAccessKeys';
import NoWildcardServiceActions from './NoWildcardServiceActions';

/**
 * Identity: MFA for people, short bounded sessions for automation, no escalation and no
 * whole-service grants for any principal, no long-lived keys.
 */
export const IAM_RULES = [
  HumanRoleRequiresMfa,
  AutomationSessionDuration,
  AutomationPermissionsBoundary,
  AutomationNoWildcardActions,
  NoPrivilegeEscalation,
  NoUserAccessKeys,
  NoWildcardServiceActions,
];
