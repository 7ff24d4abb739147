import { asList, globMatch, splitArn, tokenIds } from '../model/intrinsics';
import { PolicyPrincipal, PolicyStatement, readPolicyDocument } from '../model/policy-document';
import { ModelResource, TemplateModel } from '../model/template-model';

/** An IAM role or user of the template, with every identity policy that applies to it. */
export interface TemplatePrincipal {
  readonly resource: ModelResource;
  /** Statements of inline, attached and group policies. */
  readonly statements: readonly PolicyStatement[];
  /** Statements of its permissions boundary, when the boundary is in the template. */
  readonly boundary?: readonly PolicyStatement[];
  /** The name IAM knows it by, when the template fixes it. */
  readonly name?: string;
}

/**
 * What the AWS managed policies that can reach a secret allow. Others are assumed not to
 * touch Secrets Manager or KMS decrypt (true of AWSLambdaBasicExecutionRole and friends).
 */
const AWS_MANAGED: Record<string, Array<Record<string, unknown>>> = {
  AdministratorAccess: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  PowerUserAccess: [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
  ],
  SecretsManagerReadWrite: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }],
};

function managedPolicyStatements(model: TemplateModel, arn: unknown): PolicyStatement[] {
  const inTemplate = model.target(arn);
  if (inTemplate?.type === 'AWS::IAM::ManagedPolicy') {
    return readPolicyDocument(model, inTemplate.properties.PolicyDocument);
  }
  const flat = model.flatten(arn) ?? '';
  const m = /:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(flat);
  if (m && AWS_MANAGED[m[1]]) return readPolicyDocument(model, { Statement: AWS_MANAGED[m[1]] });
  if (!m) model.noteUnresolved(`managed policy ${flat} (not in the template)`);
  return [];
}

/** Whether a `Roles`/`Users`/`Groups` list entry names the resource (by Ref or literal name). */
function names(
  model: TemplateModel,
  entry: unknown,
  res: ModelResource,
  nameProp: string,
): boolean {
  if (model.target(entry)?.id === res.id) return true;
  const literal = res.properties[nameProp];
  return typeof literal === 'string' && model.flatten(entry) === literal;
}

function attachedStatements(
  model: TemplateModel,
  res: ModelResource,
  listProp: string,
  nameProp: string,
) {
  const out: PolicyStatement[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const pol of model.byType(type)) {
      if (asList(pol.properties[listProp]).some((e) => names(model, e, res, nameProp))) {
        out.push(...readPolicyDocument(model, pol.properties.PolicyDocument));
      }
    }
  }
  return out;
}

function ownStatements(model: TemplateModel, res: ModelResource): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const p of asList(res.properties.Policies)) {
    out.push(...readPolicyDocument(model, (p as Record<string, unknown>)?.PolicyDocument));
  }
  for (const arn of asList(res.properties.ManagedPolicyArns)) {
    out.push(...managedPolicyStatements(model, arn));
  }
  return out;
}

/** Every role and user of the template with its identity policies, computed once per model. */
export function templatePrincipals(model: TemplateModel): readonly TemplatePrincipal[] {
  return model.memo('principals', () => {
    const out: TemplatePrincipal[] = [];
    for (const role of model.byType('AWS::IAM::Role')) {
      const boundaryRes = model.target(role.properties.PermissionsBoundary);
      out.push({
        resource: role,
        name: typeof role.properties.RoleName === 'string' ? role.properties.RoleName : undefined,
        statements: [
          ...ownStatements(model, role),
          ...attachedStatements(model, role, 'Roles', 'RoleName'),
        ],
        boundary:
          boundaryRes?.type === 'AWS::IAM::ManagedPolicy'
            ? readPolicyDocument(model, boundaryRes.properties.PolicyDocument)
            : undefined,
      });
    }
    for (const user of model.byType('AWS::IAM::User')) {
      const statements = [
        ...ownStatements(model, user),
        ...attachedStatements(model, user, 'Users', 'UserName'),
      ];
      for (const g of asList(user.properties.Groups)) {
        const group =
          model.target(g) ??
          model.byType('AWS::IAM::Group').find((x) => x.properties.GroupName === g);
        if (group) {
          statements.push(
            ...ownStatements(model, group),
            ...attachedStatements(model, group, 'Groups', 'GroupName'),
          );
        }
      }
      out.push({
        resource: user,
        name: typeof user.properties.UserName === 'string' ? user.properties.UserName : undefined,
        statements,
      });
    }
    return out;
  });
}

/** Whether a policy's principal entry names this template principal. */
export function principalNames(p: PolicyPrincipal, tp: TemplatePrincipal): boolean {
  if (p.kind === 'Any') return true;
  if (p.kind !== 'AWS') return false;
  if (tokenIds(p.value).includes(tp.resource.id)) return true;
  return namesByArn(p.value, tp.resource.type === 'AWS::IAM::User' ? 'user' : 'role', tp.name);
}

/** Whether a literal IAM ARN (`arn:aws:iam::123:role/path/name`) names a role or user. */
export function namesByArn(
  value: string,
  kind: 'role' | 'user',
  name: string | undefined,
): boolean {
  const arn = splitArn(value);
  if (!arn || arn.service !== 'iam' || !name) return false;
  const m = new RegExp(`^${kind}/(?:.*/)?([^/]+)$`).exec(arn.resource);
  return !!m && globMatch(m[1], name);
}

/** Whether a principal entry is this account's root, which delegates to IAM policies. */
export function isAccountRoot(p: PolicyPrincipal): boolean {
  if (p.kind !== 'AWS') return false;
  if (p.value === '${AWS::AccountId}') return true;
  const arn = splitArn(p.value);
  return arn?.service === 'iam' && arn.account === '${AWS::AccountId}' && arn.resource === 'root';
}

/**
 * A name for a principal entry that is not a role or user of the template; free of spaces,
 * since it becomes part of a finding id (`BG-SEG-1[Principal::Anyone]`).
 */
export function externalLabel(p: PolicyPrincipal): string {
  if (p.kind === 'Any') return 'Anyone';
  if (isAccountRoot(p)) return 'AccountRoot';
  return `${p.kind}:${p.value.replace(/\s/g, '')}`;
}

/**
 * Whether a principal entry names an assumed-role session of this role
 * (`arn:aws:sts::123:assumed-role/name/session`): a grant to a session is not capped by the
 * role's permissions boundary, one to the role's ARN is.
 */
export function namesSession(p: PolicyPrincipal, tp: TemplatePrincipal): boolean {
  if (p.kind !== 'AWS' || tp.resource.type !== 'AWS::IAM::Role' || !tp.name) return false;
  const arn = splitArn(p.value);
  if (!arn || arn.service !== 'sts') return false;
  const m = /^assumed-role\/([^/]+)\/.+$/.exec(arn.resource);
  return !!m && globMatch(m[1], tp.name);
}
