import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule, findings } from '../../rule';
import { IDENTITY_TYPES, identityStatements, onEveryResource } from './identity-statements';

/**
 * Every role, user and policy of the template, kit-made or not, stays off whole-service grants
 * on every resource. Narrower wildcards (`s3:Get*`, a service wildcard on one named resource)
 * are left to AwsSolutions-IAM5 and, for the trading server, to BG-IAM-4.
 */
export default defineRule({
  id: 'BG-IAM-7',
  name: 'NoWildcardServiceActions',
  level: NagMessageLevel.ERROR,
  info: 'An IAM role, user or policy allows every action (`*`), every action of a service (`logs:*`, `s3:*`) or NotAction on every resource.',
  explanation:
    "A whole-service grant on every resource gives today's and tomorrow's actions on every resource of that service, including other segments' logs, secrets and keys; `*` on `*` is an administrator.",
  fix: 'List the actions the principal calls and the resources it calls them on; for a deliberate break-glass role acknowledge the finding (e.g. `BrokerGuardChecks::BG-IAM-7[Action::*]`) on the role with the reason.',
  resourceTypes: [...IDENTITY_TYPES],
  evaluate(resource, model) {
    const statements = identityStatements(resource, model);
    if (!statements) return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    for (const s of statements) {
      if (s.effect !== 'Allow' || !onEveryResource(s)) continue;
      if (s.notActions) out.push('NotAction');
      for (const a of s.actions ?? []) {
        if (a === '*' || /^[a-z0-9-]+:\*$/i.test(a)) out.push(`Action::${a}`);
      }
    }
    return findings(out);
  },
});
