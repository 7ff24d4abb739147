/**
 * Actions no segment role may ever use, whatever policy the incident playbook (or anyone with
 * `iam:PutRolePolicy`) later puts on it: changing roles, their policies, trust and permissions
 * boundaries, the policies a boundary is made of, tags that segment conditions read, and the
 * resource policies that keep secrets and keys inside their segment. Every segment boundary
 * denies them explicitly, so a boundary extension cannot reopen them either.
 */
export const ROLE_GUARD_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AddUserToGroup',
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
] as const;

/**
 * The boundary changes the playbook's role is refused even though it may put the revoke
 * policy on segment roles: only CloudFormation (the deployer) sets or removes a boundary.
 */
export const BOUNDARY_MUTATION_ACTIONS = [
  'iam:DeleteRolePermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
] as const;
