import { templatePrincipals } from '../../access/principals';
import { asList } from '../../model/intrinsics';
import { PolicyStatement, readPolicyDocument } from '../../model/policy-document';
import { ModelResource, TemplateModel } from '../../model/template-model';

/** Resource types whose identity policies the every-principal IAM rules judge. */
export const IDENTITY_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
] as const;

/**
 * AWS managed policies that grant a whole service on every resource, by name, with the
 * service wildcards they hold (AWS's published documents; other actions they add are left
 * out). AdministratorAccess, PowerUserAccess and SecretsManagerReadWrite come through the
 * access analysis already (templatePrincipals).
 */
const AWS_MANAGED_SERVICE_WILDCARDS: Record<string, readonly string[]> = {
  CloudWatchLogsFullAccess: ['logs:*'],
  AmazonS3FullAccess: ['s3:*'],
  AmazonDynamoDBFullAccess: ['dynamodb:*'],
  AmazonSQSFullAccess: ['sqs:*'],
  AmazonSNSFullAccess: ['sns:*'],
  AmazonEC2FullAccess: ['ec2:*'],
  AmazonKinesisFullAccess: ['kinesis:*'],
  AWSLambda_FullAccess: ['lambda:*'],
  IAMFullAccess: ['iam:*'],
};

function awsManagedWildcards(model: TemplateModel, resource: ModelResource): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const arn of asList(resource.properties.ManagedPolicyArns)) {
    const m = /:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(model.flatten(arn) ?? '');
    const actions = m && AWS_MANAGED_SERVICE_WILDCARDS[m[1]];
    if (actions) out.push({ effect: 'Allow', actions, resources: ['*'], conditions: {} });
  }
  return out;
}

/** Whether a policy is some role's permissions boundary: it caps, it grants nothing. */
function isBoundary(model: TemplateModel, policy: ModelResource): boolean {
  return [...model.byType('AWS::IAM::Role'), ...model.byType('AWS::IAM::User')].some(
    (p) => model.target(p.properties.PermissionsBoundary)?.id === policy.id,
  );
}

/** Whether a policy attaches to a role or user of this template (then it is judged there). */
function attachesToTemplatePrincipal(model: TemplateModel, policy: ModelResource): boolean {
  const named = (list: unknown, type: string, nameProp: string) =>
    asList(list).some((e) => {
      const t = model.target(e);
      if (t) return t.type === type;
      const flat = model.flatten(e);
      return model.byType(type).some((r) => r.properties[nameProp] === flat);
    });
  const listedByPrincipal = [...model.byType('AWS::IAM::Role'), ...model.byType('AWS::IAM::User')]
    .flatMap((p) => asList(p.properties.ManagedPolicyArns))
    .some((arn) => model.target(arn)?.id === policy.id);
  return (
    listedByPrincipal ||
    named(policy.properties.Roles, 'AWS::IAM::Role', 'RoleName') ||
    named(policy.properties.Users, 'AWS::IAM::User', 'UserName')
  );
}

/**
 * The identity-policy statements to judge on this resource, so each statement is judged once,
 * where an acknowledgement belongs:
 * - a role or user: its inline, managed (AWS managed included) and attached policies;
 * - an AWS::IAM::Policy or ManagedPolicy: its own document, only when it attaches to no role
 *   or user of this template (a role elsewhere, a group) and is not a permissions boundary.
 */
export function identityStatements(
  resource: ModelResource,
  model: TemplateModel,
): readonly PolicyStatement[] | undefined {
  if (resource.type === 'AWS::IAM::Role' || resource.type === 'AWS::IAM::User') {
    const tp = templatePrincipals(model).find((p) => p.resource.id === resource.id);
    return [...(tp?.statements ?? []), ...awsManagedWildcards(model, resource)];
  }
  if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
    if (isBoundary(model, resource) || attachesToTemplatePrincipal(model, resource)) {
      return undefined;
    }
    return readPolicyDocument(model, resource.properties.PolicyDocument);
  }
  return undefined;
}

/**
 * Whether a statement's resources cover every resource of a kind: `*`, NotResource, an ARN
 * whose resource part is a bare wildcard (`arn:aws:logs:*:*:*`), or every IAM role, user,
 * group or policy (`arn:aws:iam::123456789012:role/*`).
 */
export function onEveryResource(s: PolicyStatement): boolean {
  if (s.notResources) return true;
  return (s.resources ?? []).some(
    (r) => r === '*' || /:\*$/.test(r) || /:iam::[^/]*:(?:role|user|group|policy)\/\*$/.test(r),
  );
}
