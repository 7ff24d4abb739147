import type { GuardrailDocument } from '../../lib/organization/guardrail-policies';

/**
 * A request as AWS authorizes it, reduced to the context keys the guardrails read. Keys left
 * out are absent from the request context, as they would be in AWS.
 */
export interface Request {
  readonly action: string;
  readonly resource: string;
  /** `aws:PrincipalArn`: for a role session, the role's ARN. */
  readonly principalArn?: string;
  readonly principalTags?: Record<string, string>;
  readonly resourceTags?: Record<string, string>;
  /** `aws:TagKeys`: tag keys in the request (TagResource, UntagResource, CreateRole, ...). */
  readonly tagKeys?: string[];
  readonly principalOrgId?: string;
  readonly principalIsAwsService?: boolean;
}

/** IAM's wildcard match: `*` any run of characters, `?` one; case-insensitive for actions. */
function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    ignoreCase ? 'is' : 's',
  );
  return re.test(value);
}

/** The value(s) of a condition key in the request; undefined when absent. */
function contextValue(request: Request, key: string): string | string[] | undefined {
  const [name, tag] = key.split(/\/(.*)/s, 2);
  switch (name.toLowerCase()) {
    case 'aws:principalarn':
      return request.principalArn;
    case 'aws:principaltag':
      return request.principalTags?.[tag];
    case 'aws:resourcetag':
      return request.resourceTags?.[tag];
    case 'aws:tagkeys':
      return request.tagKeys;
    case 'aws:principalorgid':
      return request.principalOrgId;
    case 'aws:principalisawsservice':
      return request.principalIsAwsService === undefined
        ? undefined
        : String(request.principalIsAwsService);
    default:
      throw new Error(`the evaluator does not know condition key ${key}`);
  }
}

const MATCHERS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringLike: (p, v) => glob(p, v),
  ArnEquals: (p, v) => p === v,
  ArnLike: (p, v) => glob(p, v),
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};

/** One condition operator over one key, with IAM's rules for absent keys and sets. */
function conditionHolds(op: string, key: string, expected: string[], request: Request): boolean {
  const value = contextValue(request, key);
  if (op === 'Null') return expected[0] === String(value === undefined);
  const [set, rest] = op.includes(':') ? op.split(':') : [undefined, op];
  const ifExists = rest.endsWith('IfExists');
  const base = rest.replace(/IfExists$/, '');
  const negated = base.includes('Not');
  const positive = base.replace('Not', '');
  const match = MATCHERS[positive];
  if (!match) throw new Error(`the evaluator does not know operator ${op}`);
  if (set) {
    if (set !== 'ForAnyValue') throw new Error(`the evaluator does not know set operator ${set}`);
    const values = value === undefined ? [] : ([] as string[]).concat(value);
    const any = values.some((v) => expected.some((p) => match(p, v)));
    return negated ? !any : any;
  }
  if (value === undefined) return ifExists || negated;
  const v = value as string;
  const any = expected.some((p) => match(p, v));
  return negated ? !any : any;
}

/** Whether an explicit Deny of `document` applies to `request`. */
export function denies(document: GuardrailDocument, request: Request): boolean {
  return document.Statement.some((s) => {
    if (s.Effect !== 'Deny') return false;
    if (!s.Action.some((a) => glob(a, request.action, true))) return false;
    const resources = ([] as string[]).concat(s.Resource);
    if (!resources.some((r) => glob(r, request.resource))) return false;
    return Object.entries(s.Condition ?? {}).every(([op, body]) =>
      Object.entries(body).every(([key, expected]) =>
        conditionHolds(op, key, ([] as string[]).concat(expected), request),
      ),
    );
  });
}
