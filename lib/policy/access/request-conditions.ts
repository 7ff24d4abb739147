import { globMatch, splitArn, tokenIds } from '../model/intrinsics';
import { PolicyStatement } from '../model/policy-document';

/** Whether a statement applies to a request: yes, no, or only known at request time. */
export type Tri = 'yes' | 'maybe' | 'no';

/** The strongest of several answers (`yes` > `maybe` > `no`): any one of them suffices. */
export function anyOf(...t: Tri[]): Tri {
  return t.includes('yes') ? 'yes' : t.includes('maybe') ? 'maybe' : 'no';
}

/** The weakest of several answers: all of them are needed. */
export function allOf(...t: Tri[]): Tri {
  return t.includes('no') ? 'no' : t.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * What the template tells about one condition key of a request: `undefined` when only the
 * request knows it (the caller's IP, MFA, a key's data at large), `null` when the key is
 * absent from the request, else a matcher that says whether a policy value matches the
 * request's value (`undefined` when that cannot be decided offline).
 */
export type ConditionFact = ((pattern: string, like: boolean) => boolean | undefined) | null;

/** The request an access cell stands for, as far as the template determines it. */
export interface RequestFacts {
  /** The fact for a condition key, lower-cased (`kms:viaservice`, `aws:principaltag/x`). */
  fact(key: string): ConditionFact | undefined;
}

const POSITIVE = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike'];
const NEGATED = [
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
];
const LIKE = ['StringLike', 'StringNotLike', 'ArnLike', 'ArnNotLike', 'ArnEquals', 'ArnNotEquals'];

/** A statement's conditions against a request, with the condition keys left undecided. */
export interface ConditionResult {
  readonly applies: Tri;
  readonly undecided: readonly string[];
}

/**
 * Evaluates a statement's Condition block as IAM does (every operator and key must hold):
 * `...IfExists` holds when the key is absent, negated operators hold when it is absent
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * An operator it does not model (Numeric, Date, IpAddress, ForAnyValue/ForAllValues sets),
 * a key only the request knows, or a value CloudFormation fills in at deploy time makes the
 * answer `maybe`, never `yes` or `no`: an undecided condition is reported, not guessed.
 */
export function conditionsHold(s: PolicyStatement, request: RequestFacts): ConditionResult {
  let applies: Tri = 'yes';
  const undecided: string[] = [];
  for (const [rawOp, body] of Object.entries(s.conditions)) {
    const ifExists = rawOp.endsWith('IfExists');
    const op = rawOp.replace(/IfExists$/, '');
    for (const [rawKey, values] of Object.entries(body)) {
      const t = keyHolds(op, ifExists, rawKey.toLowerCase(), values, request);
      if (t === 'no') return { applies: 'no', undecided: [] };
      if (t === 'maybe') {
        applies = 'maybe';
        undecided.push(`${rawOp} ${rawKey}`);
      }
    }
  }
  return { applies, undecided };
}

function keyHolds(
  op: string,
  ifExists: boolean,
  key: string,
  values: readonly string[],
  request: RequestFacts,
): Tri {
  const positive = POSITIVE.includes(op);
  const negated = NEGATED.includes(op);
  if (!positive && !negated && op !== 'Bool' && op !== 'Null') return 'maybe';
  const fact = request.fact(key);
  if (fact === undefined) return 'maybe';
  if (op === 'Null') {
    // Null: "true" means the key must be absent.
    const wantsAbsent = values.map((v) => v.toLowerCase()).includes('true');
    return (fact === null) === wantsAbsent ? 'yes' : 'no';
  }
  if (fact === null) return ifExists || negated ? 'yes' : 'no';
  const like = LIKE.includes(op);
  let hit: Tri = 'no';
  for (const v of values) {
    if (v.includes('${?}') || v.includes('${Param:')) {
      hit = anyOf(hit, 'maybe');
      continue;
    }
    const m = fact(op.endsWith('IgnoreCase') || op === 'Bool' ? v.toLowerCase() : v, like);
    hit = anyOf(hit, m === undefined ? 'maybe' : m ? 'yes' : 'no');
  }
  if (!negated) return hit;
  return hit === 'yes' ? 'no' : hit === 'no' ? 'yes' : 'maybe';
}

/**
 * A matcher for a request value the template fixes up to pseudo parameters
 * (`secretsmanager.${AWS::Region}.amazonaws.com`): a pattern that names the same value, or
 * matches it as a glob, is a hit; one that could equal it only for some region or account
 * is undecided; anything else is a miss.
 */
export function valueFact(value: string): (pattern: string, like: boolean) => boolean | undefined {
  return (pattern, like) => {
    if (pattern === value) return true;
    if (like && globMatch(pattern, value)) return true;
    // The request's pseudo parameters stand for one unknown value each.
    if (/\$\{AWS::/.test(value) && globMatch(value, pattern)) return undefined;
    if (/\$\{AWS::/.test(pattern) && globMatch(pattern, value)) return true;
    return false;
  };
}

/**
 * A matcher for the ARN of a template resource: a `Ref`/`GetAtt` token names it exactly (or
 * names another resource); a literal pattern is decided by `byLiteral`.
 */
export function resourceArnFact(
  id: string,
  byLiteral: (pattern: string, like: boolean) => boolean | undefined,
): (pattern: string, like: boolean) => boolean | undefined {
  return (pattern, like) => {
    const ids = tokenIds(pattern);
    if (ids.length) return ids.includes(id);
    return byLiteral(pattern, like);
  };
}

/**
 * Whether a literal IAM ARN pattern names a role or user called `name` (a generated name is
 * unknown offline: only a pattern that matches any name decides).
 */
export function iamArnMatches(
  pattern: string,
  kind: 'role' | 'user',
  name: string | undefined,
  like: boolean,
): boolean | undefined {
  const arn = splitArn(pattern);
  if (!arn) return false;
  if (arn.service !== 'iam' && !(like && arn.service === '*')) return false;
  if (/^\d{12}$/.test(arn.account)) return undefined; // this account's id is not in the template
  const m = new RegExp(`^(${kind}|\\*)/(?:.*/)?([^/]+)$`).exec(arn.resource);
  if (!m) return like && arn.resource === '*' ? true : false;
  if (like && m[2] === '*') return true;
  if (!name) return undefined;
  return like ? globMatch(m[2], name) : m[2] === name;
}
