import { BROKERGUARD_RULES } from '../rules';
import { guardRuleName, message } from './guard-text';
import { GUARD_TWINS } from './twins';

/** A Guard policy of an AWS Config custom rule (`CUSTOM_POLICY`, runtime guard-2.x.x). */
export interface ConfigPolicy {
  /** The pack rule it twins, `BG-NET-1`. */
  readonly ruleId: string;
  readonly ruleName: string;
  readonly resourceTypes: readonly string[];
  /** The Guard text, judged against one configuration item. */
  readonly text: string;
}

/**
 * Every pack rule with a configuration-item twin, rendered as the Guard text of a Config
 * custom policy rule. The text reads a configuration item (`resourceType`, `configuration`,
 * `tags`), not a template: the same invariant as the hook rule, in the shape Config records.
 */
export function configPolicies(): ConfigPolicy[] {
  const out: ConfigPolicy[] = [];
  for (const rule of BROKERGUARD_RULES) {
    const twin = GUARD_TWINS[rule.id]?.config;
    if (!twin) continue;
    const note = message(`Violation: ${rule.info} Fix: ${rule.fix}`);
    const types = twin.resourceTypes.map((t) => `'${t}'`).join(', ');
    const text = [
      ...(twin.lets ?? []).map((l) => l),
      `rule ${guardRuleName(rule.id, rule.name)} when resourceType IN [${types}] {`,
      ...twin.clauses.map((c) => `  ${c} <<${note}>>`),
      '}',
      '',
    ].join('\n');
    out.push({ ruleId: rule.id, ruleName: rule.name, resourceTypes: twin.resourceTypes, text });
  }
  return out;
}
