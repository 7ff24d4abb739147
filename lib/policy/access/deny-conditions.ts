import { tokenIds } from '../model/intrinsics';
import { namesByArn } from './principals';
import { PolicyStatement } from '../model/policy-document';
import { TAG_SEGMENT } from '../../contracts';
import type { AccessPrincipal } from './access-analysis';

const NEGATED = ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike'];

function namesPrincipal(value: string, principal: AccessPrincipal): boolean {
  const res = principal.resource;
  if (!res) return value === principal.label;
  if (tokenIds(value).includes(res.id)) return true;
  const kind = res.type === 'AWS::IAM::User' ? 'user' : 'role';
  const name = res.properties.RoleName ?? res.properties.UserName;
  return namesByArn(value, kind, typeof name === 'string' ? name : undefined);
}

const POSITIVE = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'];
const SECRET_ARN = 'kms:encryptioncontext:secretarn';
const SECRET_VERSION = 'kms:encryptioncontext:secretversionid';
/** The version id Secrets Manager uses only to prove key access when a secret is created. */
const KEY_ACCESS_PROBE = 'RequestToValidateKeyAccess';

/**
 * The data a decrypt is for: reading one secret's value through Secrets Manager, whose
 * ciphertext carries `SecretARN` (the secret's) and `SecretVersionId` (a version's UUID).
 */
export interface SecretContext {
  /** Whether an ARN pattern from a condition names this secret. */
  readonly matchesSecret: (pattern: string) => boolean;
}

/**
 * Whether a Deny statement's conditions hold for the principal. Only the conditions a
 * segment's deny-outside-segment policy and the issuer's deny-decrypt statement use are
 * understood; a Deny with any other condition is taken not to apply, so the analysis never
 * under-reports who can read. Encryption-context conditions are decided only for a read of
 * one secret (`secret`); for a key as a whole they do not apply (other data stays open).
 */
export function denyApplies(
  s: PolicyStatement,
  principal: AccessPrincipal,
  secret?: SecretContext,
): boolean {
  for (const [op, body] of Object.entries(s.conditions)) {
    const base = op.replace(/IfExists$/, '');
    for (const [rawKey, values] of Object.entries(body)) {
      const key = rawKey.toLowerCase();
      if (secret && key === SECRET_ARN && (POSITIVE.includes(base) || NEGATED.includes(base))) {
        const named = values.some((v) => secret.matchesSecret(v));
        if (named === NEGATED.includes(base)) return false;
      } else if (secret && key === SECRET_VERSION && base === 'StringNotEquals') {
        // A read decrypts a real version, never the creation-time probe.
        if (values.some((v) => v !== KEY_ACCESS_PROBE)) return false;
      } else if (NEGATED.includes(base) && key === 'aws:principalarn') {
        if (values.some((v) => namesPrincipal(v, principal))) return false;
      } else if (NEGATED.includes(base) && key === `aws:principaltag/${TAG_SEGMENT}`) {
        if (principal.segment && values.includes(principal.segment)) return false;
      } else if (base === 'Bool' && key === 'aws:principalisawsservice') {
        if (values.includes('true') !== principal.service) return false;
      } else if (NEGATED.includes(base) && key === 'aws:principalservicename') {
        if (principal.service && values.some((v) => principal.label.endsWith(v))) return false;
      } else {
        return false;
      }
    }
  }
  return true;
}
