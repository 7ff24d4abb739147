import { asList, globMatch } from './intrinsics';
import { TemplateModel } from './template-model';

/** A principal as a policy names it, flattened (see intrinsics.ts). */
export interface PolicyPrincipal {
  readonly kind: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | 'Any';
  readonly value: string;
}

/** One statement of a policy document, with every value flattened to strings. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: readonly PolicyPrincipal[];
  readonly notPrincipals?: readonly PolicyPrincipal[];
  /** Operator → condition key → values (flattened). */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

function strings(model: TemplateModel, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return asList(value).map((v) => model.flatten(v) ?? '${?}');
}

function principals(model: TemplateModel, value: unknown): PolicyPrincipal[] | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return [{ kind: 'Any', value: '*' }];
  if (!value || typeof value !== 'object') return [];
  const out: PolicyPrincipal[] = [];
  for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
    for (const s of strings(model, v) ?? []) {
      out.push({
        kind: (kind === 'AWS' && s === '*' ? 'Any' : kind) as PolicyPrincipal['kind'],
        value: s,
      });
    }
  }
  return out;
}

/** Reads a policy document's statements; a document that is not literal yields none. */
export function readPolicyDocument(model: TemplateModel, doc: unknown): PolicyStatement[] {
  if (!doc || typeof doc !== 'object') return [];
  const out: PolicyStatement[] = [];
  for (const raw of asList((doc as Record<string, unknown>).Statement)) {
    if (!raw || typeof raw !== 'object') continue;
    const s = raw as Record<string, unknown>;
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const [op, body] of Object.entries((s.Condition ?? {}) as Record<string, unknown>)) {
      conditions[op] = {};
      for (const [key, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
        conditions[op][key] = strings(model, v) ?? [];
      }
    }
    out.push({
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(model, s.Action),
      notActions: strings(model, s.NotAction),
      resources: strings(model, s.Resource),
      notResources: strings(model, s.NotResource),
      principals: principals(model, s.Principal),
      notPrincipals: principals(model, s.NotPrincipal),
      conditions,
    });
  }
  return out;
}

/** Whether the statement covers an action (`secretsmanager:GetSecretValue`). */
export function coversAction(s: PolicyStatement, action: string): boolean {
  if (s.actions) return s.actions.some((a) => globMatch(a, action, true));
  if (s.notActions) return !s.notActions.some((a) => globMatch(a, action, true));
  return false;
}

/**
 * Whether the statement covers a resource. `matches(pattern)` decides for one Resource entry;
 * callers pass one that knows the resource's tokens and name.
 */
export function coversResource(s: PolicyStatement, matches: (pattern: string) => boolean): boolean {
  if (s.resources) return s.resources.some(matches);
  if (s.notResources) return !s.notResources.some(matches);
  // Resource policies and trust policies omit Resource: they cover their own resource.
  return true;
}

/** The condition value for a key under any of the given operators (case-insensitive key). */
export function conditionValues(
  s: PolicyStatement,
  operators: readonly string[],
  key: string,
): string[] | undefined {
  for (const [op, body] of Object.entries(s.conditions)) {
    if (!operators.includes(op.replace(/IfExists$/, ''))) continue;
    for (const [k, v] of Object.entries(body))
      if (k.toLowerCase() === key.toLowerCase()) return [...v];
  }
  return undefined;
}

/** Number of condition keys the statement has in total. */
export function conditionCount(s: PolicyStatement): number {
  return Object.values(s.conditions).reduce((n, body) => n + Object.keys(body).length, 0);
}
