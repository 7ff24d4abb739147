import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { coversAction } from '../../model/policy-document';
import { defineRule, findings } from '../../rule';
import { IDENTITY_TYPES, identityStatements, onEveryResource } from './identity-statements';

/**
 * IAM actions that let their holder grant itself more, or act as someone else, when allowed on
 * every role, user, group or policy: the well-known escalation paths.
 */
export const ESCALATION_ACTIONS = [
  'iam:PassRole',
  'iam:CreateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:PutGroupPolicy',
  'iam:AttachGroupPolicy',
  'iam:AddUserToGroup',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
] as const;

/** No principal of the template can change IAM at will or assume any role it likes. */
export default defineRule({
  id: 'BG-IAM-5',
  name: 'NoPrivilegeEscalation',
  level: NagMessageLevel.ERROR,
  info: 'An IAM role, user or policy allows `iam:*`, sts:AssumeRole on every resource, or an IAM escalation action (iam:PassRole, iam:PutRolePolicy, iam:CreatePolicyVersion, ...) on every role, user or policy.',
  explanation:
    'Whoever holds one of these can grant itself, or step into, any other permission: one compromised function or server becomes the account, and segmentation ends at the first breach.',
  fix: 'Name the exact role, user or policy ARNs the action may target and drop `iam:*`; for deliberate break-glass roles acknowledge the finding (e.g. `BrokerGuardChecks::BG-IAM-5[Action::iam:*]`) on the role with the reason.',
  resourceTypes: [...IDENTITY_TYPES],
  evaluate(resource, model) {
    const statements = identityStatements(resource, model);
    if (!statements) return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const everywhere = onEveryResource(s);
      if (coversAction(s, 'iam:*')) {
        out.push('Action::iam:*');
      } else if (everywhere) {
        for (const a of ESCALATION_ACTIONS) if (coversAction(s, a)) out.push(`Action::${a}`);
      }
      if (everywhere && coversAction(s, 'sts:AssumeRole')) out.push('AssumeRoleOnAnyResource');
    }
    return findings(out);
  },
});
