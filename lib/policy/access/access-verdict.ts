import { PolicyStatement } from '../model/policy-document';
import { allOf, anyOf, conditionsHold, RequestFacts, Tri } from './request-conditions';

/**
 * What the analysis says of one cell: `allow` (AWS would allow), `deny` (something grants it
 * but an explicit deny, a permissions boundary or a key policy that does not delegate takes
 * it away), `conditional` (the answer turns on a condition only the request decides), or
 * `none` (nothing grants it).
 */
export const VERDICTS = ['allow', 'conditional', 'deny', 'none'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A verdict and, unless it is a plain allow or none, why. */
export interface Cell {
  readonly verdict: Verdict;
  readonly because?: string;
}

export const NONE: Cell = { verdict: 'none' };

/** The most permissive of several cells (several actions for one permission). */
export function strongest(cells: readonly Cell[]): Cell {
  for (const v of VERDICTS) {
    const hit = cells.find((c) => c.verdict === v);
    if (hit) return hit;
  }
  return NONE;
}

/** The policies that decide one request, already narrowed to the action and resource. */
export interface DecisionInput {
  readonly facts: RequestFacts;
  /** The principal's identity-policy statements (inline, attached, group). */
  readonly identity: readonly PolicyStatement[];
  /** Its permissions boundary's statements; undefined when it has none. */
  readonly boundary?: readonly PolicyStatement[];
  /** Resource-policy statements whose Principal covers the principal's role or user ARN. */
  readonly resourceToRole: readonly PolicyStatement[];
  /** Resource-policy statements that name one of the role's sessions (`sts:...assumed-role`). */
  readonly resourceToSession: readonly PolicyStatement[];
  /**
   * For a KMS key: how far the key policy lets IAM policies decide (its statements naming the
   * account). Undefined for resources whose identity grants need no resource-side consent.
   */
  readonly delegation?: readonly PolicyStatement[];
  /** Where the resource policy lives, for the reasons (`key policy of AutomationKey`). */
  readonly resourceLabel: string;
}

interface Weighed {
  readonly t: Tri;
  readonly undecided: string[];
}

function weigh(list: readonly PolicyStatement[], effect: 'Allow' | 'Deny', facts: RequestFacts) {
  let t: Tri = 'no';
  const undecided: string[] = [];
  for (const s of list) {
    if (s.effect !== effect) continue;
    const r = conditionsHold(s, facts);
    if (r.applies === 'maybe') undecided.push(...r.undecided);
    t = anyOf(t, r.applies);
  }
  return { t, undecided } as Weighed;
}

/**
 * IAM's evaluation within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html):
 * an explicit deny anywhere wins; otherwise an identity-policy allow counts only inside the
 * permissions boundary (and, for a KMS key, only where the key policy delegates to IAM
 * policies); a resource-policy allow naming the role's ARN is also capped by the boundary,
 * while one naming an assumed-role session is not
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html,
 * "Evaluating effective permissions with boundaries").
 */
export function decide(input: DecisionInput): Cell {
  const { facts } = input;
  const identity = weigh(input.identity, 'Allow', facts);
  const toRole = weigh(input.resourceToRole, 'Allow', facts);
  const toSession = weigh(input.resourceToSession, 'Allow', facts);
  if (identity.t === 'no' && toRole.t === 'no' && toSession.t === 'no') return NONE;

  const denies: Array<[string, Weighed]> = [
    [
      input.resourceLabel,
      weigh([...input.resourceToRole, ...input.resourceToSession], 'Deny', facts),
    ],
    ['an identity policy', weigh(input.identity, 'Deny', facts)],
    ['the permissions boundary', weigh(input.boundary ?? [], 'Deny', facts)],
  ];
  const hard = denies.find(([, w]) => w.t === 'yes');
  if (hard) return { verdict: 'deny', because: `explicit deny in ${hard[0]}` };

  const boundary: Weighed = input.boundary
    ? weigh(input.boundary, 'Allow', facts)
    : { t: 'yes', undecided: [] };
  const delegation: Weighed = input.delegation
    ? weigh(input.delegation, 'Allow', facts)
    : { t: 'yes', undecided: [] };
  const viaIdentity = allOf(identity.t, boundary.t, delegation.t);
  const viaResource = anyOf(allOf(toRole.t, boundary.t), toSession.t);
  const allowed = anyOf(viaIdentity, viaResource);
  if (allowed === 'no') {
    if (boundary.t === 'no')
      return { verdict: 'deny', because: 'outside the permissions boundary' };
    return {
      verdict: 'deny',
      because: `${input.resourceLabel} does not let IAM policies grant it`,
    };
  }
  const maybeDenies = denies.filter(([, w]) => w.t === 'maybe');
  if (allowed === 'yes' && maybeDenies.length === 0) return { verdict: 'allow' };
  const undecided = new Set<string>([
    ...maybeDenies.flatMap(([, w]) => w.undecided),
    ...(allowed === 'maybe'
      ? [identity, toRole, toSession, boundary, delegation].flatMap((w) => w.undecided)
      : []),
  ]);
  return {
    verdict: 'conditional',
    because: `undecided: ${[...undecided].sort().join(', ') || 'a condition'}`,
  };
}
