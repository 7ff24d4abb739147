import { HUMAN_SEGMENTS } from '../../contracts';
import { ModelResource, TemplateModel } from './template-model';
import { PolicyStatement, readPolicyDocument } from './policy-document';

/**
 * A segment's own role, as opposed to a role of a function the segment owns. Roles without
 * `brokerguard:role-kind` (made by other tools) count as the segment's role, the stricter
 * reading.
 */
export function isSegmentRole(role: ModelResource): boolean {
  return role.type === 'AWS::IAM::Role' && !!role.segment && role.roleKind !== 'function';
}

/** The automation segment's own role: the trading server's. */
export function isAutomationRole(role: ModelResource): boolean {
  return isSegmentRole(role) && role.segment === 'automation';
}

/** A role that people assume: tagged with a human segment. */
export function isHumanRole(role: ModelResource): boolean {
  return role.type === 'AWS::IAM::Role' && !!role.segment && HUMAN_SEGMENTS.includes(role.segment);
}

/** The trust policy's statements that let IAM principals (not services) assume the role. */
export function trustStatementsForIamPrincipals(
  model: TemplateModel,
  role: ModelResource,
): PolicyStatement[] {
  return readPolicyDocument(model, role.properties.AssumeRolePolicyDocument).filter(
    (s) =>
      s.effect === 'Allow' &&
      (s.principals ?? []).some((p) => p.kind === 'AWS' || p.kind === 'Any'),
  );
}

/** A numeric property that may arrive as a number or a numeric string. */
export function numberProp(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}
