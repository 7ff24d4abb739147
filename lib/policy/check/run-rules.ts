import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { ModelResource, TemplateModel } from '../model/template-model';
import { BrokerGuardRule } from '../rule';
import { BROKERGUARD_RULES } from '../rules';

/** One finding of one rule on one resource of a plain template. */
export interface Finding {
  /** The rule id with the finding, as synth prints it: `BG-SEG-1[Principal::Reader]`. */
  readonly ruleName: string;
  /** The rule's base id, `BG-SEG-1` (or a foreign pack's, `AwsSolutions-IAM5`). */
  readonly ruleId: string;
  readonly pack: string;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** The template file (check) or construct path (report) the finding is in. */
  readonly source: string;
  /** The rule's metadata, for BrokerGuardChecks findings. */
  readonly rule?: BrokerGuardRule;
  /** The reason given when the finding was acknowledged (then it does not fail a check). */
  readonly acknowledged?: string;
}

/**
 * The reason a finding was acknowledged on its resource, by its namespaced id
 * (`BrokerGuardChecks::BG-SEG-1[...]`) or its bare id, as synth matches them. A base id does
 * not cover a finding with a detail.
 */
export function acknowledgement(
  resource: ModelResource,
  pack: string,
  ruleName: string,
): string | undefined {
  const acks = resource.acknowledgements;
  return acks[`${pack}::${ruleName}`] ?? acks[ruleName];
}

export function levelName(level: NagMessageLevel): Finding['level'] {
  return level === NagMessageLevel.ERROR
    ? 'error'
    : level === NagMessageLevel.WARN
      ? 'warning'
      : 'info';
}

/**
 * Applies the rules to every resource of a model, the way the NagPack does during synth: same
 * rules, same finding ids, a rule that throws reported as its own finding.
 */
export function runRules(
  model: TemplateModel,
  rules: readonly BrokerGuardRule[] = BROKERGUARD_RULES,
): Finding[] {
  const out: Finding[] = [];
  for (const resource of model.resources.values()) {
    for (const rule of rules) {
      if (!rule.resourceTypes.includes(resource.type)) continue;
      const base = {
        ruleId: rule.id,
        pack: 'BrokerGuardChecks',
        level: levelName(rule.level),
        logicalId: resource.id,
        resourceType: resource.type,
        source: model.source,
        rule,
      };
      let result;
      try {
        result = rule.evaluate(resource, model);
      } catch (err) {
        out.push({
          ...base,
          ruleName: rule.id,
          message: `Rule threw an error: ${(err as Error).message}`,
        });
        continue;
      }
      const names =
        result === NagRuleCompliance.NON_COMPLIANT
          ? [rule.id]
          : Array.isArray(result)
            ? result.map((f) => `${rule.id}[${f}]`)
            : [];
      for (const ruleName of names) {
        const acknowledged = acknowledgement(resource, base.pack, ruleName);
        out.push({
          ...base,
          ruleName,
          message: rule.info,
          ...(acknowledged !== undefined ? { acknowledged } : {}),
        });
      }
    }
  }
  return out;
}
