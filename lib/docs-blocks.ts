import { configReferenceMarkdown } from './config/reference';
import { alarmTableMarkdown, detectionTableMarkdown } from './contracts/alarm-catalog-doc';
import { configRulesTableMarkdown } from './policy/guard/config-catalog';
import { guardTwinsTableMarkdown } from './policy/guard/hook-rules';
import { costAssumptionTableMarkdown, costPriceTableMarkdown } from './cost/cost-doc';

/**
 * Every generated block of the docs and what renders it: the config reference from the
 * schema, the alarm and detection tables from the alarm catalog, the cost price and assumption
 * tables from lib/cost. RULES.md is generated whole from the rule metadata
 * (lib/policy/rules-doc.ts). `npm run docs` (scripts/write-docs.mjs)
 * writes them all; test/docs/generated-tables.test.ts fails when one drifts.
 */
export const DOCS_BLOCKS: Readonly<Record<string, () => string>> = {
  'config-reference': configReferenceMarkdown,
  'alarm-table': alarmTableMarkdown,
  'detection-table': detectionTableMarkdown,
  'config-rules-table': configRulesTableMarkdown,
  'guard-twins-table': guardTwinsTableMarkdown,
  'cost-prices': costPriceTableMarkdown,
  'cost-assumptions': costAssumptionTableMarkdown,
};

/** The files that hold generated blocks, relative to the repository root. */
export const DOCS_WITH_BLOCKS = [
  'docs/configuration.md',
  'docs/monitoring.md',
  'docs/runtime-checks.md',
  'docs/cost.md',
] as const;

/** The body of block `name`, or undefined for a name no renderer knows. */
export function renderDocsBlock(name: string): string | undefined {
  return Object.hasOwn(DOCS_BLOCKS, name) ? DOCS_BLOCKS[name]() : undefined;
}
