import { ASSUMPTION_NAMES, ASSUMPTIONS, AssumptionSpec } from './assumptions';
import { PRICE_TABLE } from './prices';

/** A table cell: pipes would end the cell, line breaks the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const money = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/**
 * A price as AWS mostly writes it: per unit down to four decimals ($0.0009 per hook operation,
 * $0.000111 per GB-hour), per million units below that ($0.20 per 1M Lambda requests).
 */
function usd(n: number): string {
  return n >= 0.0001 ? `$${money(n)}` : `$${money(n * 1_000_000)} per 1M`;
}

/** docs/cost.md's price table, rendered from lib/cost/prices.ts. */
export function costPriceTableMarkdown(): string {
  const rows = Object.entries(PRICE_TABLE.prices).map(
    ([name, p]) =>
      `| \`${name}\` | ${usd(p.usd)} | ${cell(p.unit)} | [${new URL(p.source).pathname.replace(/\/$/, '')}](${p.source}) |`,
  );
  return [
    `Region ${PRICE_TABLE.region}, ${PRICE_TABLE.currency}, prices as of ${PRICE_TABLE.asOf}, free tiers ${PRICE_TABLE.freeTier}.`,
    '',
    '| price | USD | per | source |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** docs/cost.md's assumption table, rendered from lib/cost/assumptions.ts. */
export function costAssumptionTableMarkdown(): string {
  const rows = ASSUMPTION_NAMES.map((name) => {
    const a: AssumptionSpec = ASSUMPTIONS[name];
    return `| \`${name}\` | ${a.paused} | ${a.running} | ${cell(a.unit)} | ${cell(a.why)} |`;
  });
  return [
    '| assumption | paused | running | unit | why |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
