import { NagMessageLevel } from 'cdk-nag';
import { BrokerGuardRule } from './rule';
import { BROKERGUARD_RULES } from './rules';

const LEVELS: Array<[NagMessageLevel, string]> = [
  [NagMessageLevel.ERROR, 'Errors'],
  [NagMessageLevel.WARN, 'Warnings'],
  [NagMessageLevel.INFO, 'Info'],
];

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * RULES.md, rendered from the rule metadata: one table per level (id, cause, explanation,
 * fix). A test keeps the committed file equal to this output.
 */
export function renderRulesMarkdown(rules: readonly BrokerGuardRule[] = BROKERGUARD_RULES): string {
  const out = [
    '# BrokerGuardChecks rules',
    '',
    '<!-- Generated from lib/policy/rules/**: edit the rule, then run',
    '     UPDATE_RULES_MD=1 npx jest test/policy/rules-doc.test.ts -->',
    '',
    'Acknowledge a finding with its namespaced id and a reason a reviewer would accept:',
    "`Validations.of(construct).acknowledge({ id: 'BrokerGuardChecks::BG-IAM-3', reason: '...' })`;",
    'a finding with a detail needs the full id, e.g. `BrokerGuardChecks::BG-SEG-1[Principal::Reporting]`.',
    '',
  ];
  for (const [level, title] of LEVELS) {
    const list = rules.filter((r) => r.level === level);
    if (!list.length) continue;
    out.push(
      `## ${title}`,
      '',
      '| Rule ID | Name | Cause | Explanation | Fix |',
      '|---|---|---|---|---|',
    );
    for (const r of list) {
      out.push(
        `| ${r.id} | ${r.name} | ${cell(r.info)} | ${cell(r.explanation)} | ${cell(r.fix)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
