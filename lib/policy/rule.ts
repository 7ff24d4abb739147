import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ModelResource, TemplateModel } from './model/template-model';

/**
 * One BrokerGuardChecks rule. Rules read the resolved template model, never CDK classes,
 * so the same rule judges a synthesized stack (through the NagPack) and a plain template
 * (through `brokerguard check`).
 */
export interface BrokerGuardRule {
  /** Stable id, `BG-<AREA>-<n>`: never reused for another meaning. */
  readonly id: string;
  /** The rule's name, the file name under lib/policy/rules/<area>/. */
  readonly name: string;
  readonly level: NagMessageLevel;
  /** Why the rule was triggered, one line. */
  readonly info: string;
  /** Why the rule exists, one line. */
  readonly explanation: string;
  /** How to fix a finding, one line. */
  readonly fix: string;
  /** CloudFormation types the rule judges; it is not asked about others. */
  readonly resourceTypes: readonly string[];
  /**
   * Judges one resource. Returns COMPLIANT / NOT_APPLICABLE, NON_COMPLIANT, or a list of
   * findings (each reported as `BG-X-n[finding]`) when one resource breaks it several ways.
   */
  evaluate(resource: ModelResource, model: TemplateModel): NagRuleResult;
}

/** Declares a rule; a plain object keeps rule files short and their metadata greppable. */
export function defineRule(rule: BrokerGuardRule): BrokerGuardRule {
  for (const field of ['info', 'explanation', 'fix'] as const) {
    if (!rule[field] || rule[field].includes('\n')) {
      throw new Error(`rule ${rule.id}: ${field} must be one non-empty line`);
    }
  }
  return rule;
}

/** A list of findings, or COMPLIANT when there are none. */
export function findings(list: readonly string[]): NagRuleResult {
  return list.length ? [...new Set(list)] : NagRuleCompliance.COMPLIANT;
}
