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

/**
 * Whether a Deny statement's conditions hold for the principal. Only the conditions a
 * segment's deny-outside-segment policy uses are understood; a Deny with any other
 * condition is taken not to apply, so the analysis never under-reports who can read.
 */
export function denyApplies(s: PolicyStatement, principal: AccessPrincipal): boolean {
  for (const [op, body] of Object.entries(s.conditions)) {
    const base = op.replace(/IfExists$/, '');
    for (const [rawKey, values] of Object.entries(body)) {
      const key = rawKey.toLowerCase();
      if (NEGATED.includes(base) && key === 'aws:principalarn') {
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
