import {
  ASSUMPTION_NAMES,
  ASSUMPTIONS,
  AssumptionSpec,
  Assumptions,
  SCENARIOS,
} from './assumptions';
import { CostEstimate, CostLine } from './estimate';
import { PRICE_TABLE } from './prices';

export const COST_FORMATS = ['text', 'json'] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

/** The schema name of the JSON report; a change of shape changes its number. */
export const COST_SCHEMA = 'brokerguard.cost/1';

/** What each scenario means, for both formats. */
export function scenarioMeaning(a: Assumptions): Record<(typeof SCENARIOS)[number], string> {
  const v = a.values.running;
  return {
    paused:
      'ECS services at the DesiredCount of the template (0: no task runs); everything else as deployed',
    running: `each ECS service with at least ${v.runningTasksPerService} task(s) for ${v.gatewayHoursPerMonth} h a month; running volumes`,
  };
}

/** Sub-cent noise of float sums is not information. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Lines by template, the costliest (running) first, free and unpriced after. */
function ordered(lines: readonly CostLine[]): CostLine[] {
  const rank = (l: CostLine) => (l.status === 'priced' ? 0 : l.status === 'not-priced' ? 1 : 2);
  return [...lines].sort(
    (a, b) =>
      a.template.localeCompare(b.template) ||
      rank(a) - rank(b) ||
      b.monthlyUsd.running - a.monthlyUsd.running ||
      b.monthlyUsd.paused - a.monthlyUsd.paused ||
      a.id.localeCompare(b.id),
  );
}

/** The JSON report (schema brokerguard.cost/1, documented in docs/cost.md). */
export function costJson(estimate: CostEstimate, assumptions: Assumptions): string {
  const perScenario = (r: Record<string, number>) => ({
    paused: round(r.paused),
    running: round(r.running),
  });
  const report = {
    schema: COST_SCHEMA,
    region: PRICE_TABLE.region,
    currency: PRICE_TABLE.currency,
    pricesAsOf: PRICE_TABLE.asOf,
    freeTier: PRICE_TABLE.freeTier,
    scenarios: scenarioMeaning(assumptions),
    totalUsd: perScenario(estimate.totalUsd),
    segments: estimate.segments.map((s) => ({
      segment: s.segment,
      monthlyUsd: perScenario(s.monthlyUsd),
    })),
    resources: ordered(estimate.lines).map((l) => ({
      template: l.template,
      id: l.id,
      type: l.type,
      segment: l.segment,
      status: l.status,
      monthlyUsd: perScenario(l.monthlyUsd),
      charges: Object.fromEntries(
        SCENARIOS.map((s) => [
          s,
          l.charges[s].map((c) => ({ ...c, quantity: round(c.quantity), usd: round(c.usd) })),
        ]),
      ),
      ...(l.note ? { note: l.note } : {}),
    })),
    uncounted: estimate.uncounted,
    assumptions: ASSUMPTION_NAMES.map((name) => ({
      name,
      paused: assumptions.values.paused[name],
      running: assumptions.values.running[name],
      unit: ASSUMPTIONS[name].unit,
      overridden: assumptions.overridden.has(name),
      why: ASSUMPTIONS[name].why,
    })),
    prices: PRICE_TABLE.prices,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const usd = (n: number) => n.toFixed(2);

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) =>
        i === r.length - 1
          ? cell
          : rightAligned.has(i)
            ? cell.padStart(widths[i])
            : cell.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd(),
  );
}

/** The text report: lines per template, segment totals, the total, then the assumptions. */
export function costText(estimate: CostEstimate, assumptions: Assumptions): string {
  const out: string[] = [
    `Monthly list-price estimate, ${PRICE_TABLE.region}, prices as of ${PRICE_TABLE.asOf}, ${PRICE_TABLE.currency}; free tiers ${PRICE_TABLE.freeTier}.`,
  ];
  const meaning = scenarioMeaning(assumptions);
  for (const s of SCENARIOS) out.push(`  ${s}: ${meaning[s]}`);
  const lines = ordered(estimate.lines);
  for (const template of [...new Set(lines.map((l) => l.template))]) {
    out.push('', template);
    const rows = [['  resource', 'type', 'segment', 'paused', 'running', 'note']];
    for (const l of lines.filter((x) => x.template === template)) {
      const shown = l.status === 'priced';
      const note =
        l.status === 'priced'
          ? (l.note ?? '')
          : `${l.status === 'free' ? 'free' : 'NOT PRICED'}: ${l.note ?? ''}`;
      rows.push([
        `  ${l.id}`,
        l.type,
        l.segment,
        shown ? usd(l.monthlyUsd.paused) : '-',
        shown ? usd(l.monthlyUsd.running) : '-',
        note,
      ]);
    }
    out.push(...table(rows, new Set([3, 4])));
  }
  out.push('');
  const totals = [['segment', 'paused', 'running']];
  for (const s of estimate.segments)
    totals.push([s.segment, usd(s.monthlyUsd.paused), usd(s.monthlyUsd.running)]);
  totals.push(['total', `$${usd(estimate.totalUsd.paused)}`, `$${usd(estimate.totalUsd.running)}`]);
  out.push(...table(totals, new Set([1, 2])));
  const unpriced = estimate.lines.filter((l) => l.status === 'not-priced');
  if (unpriced.length > 0) {
    out.push(
      '',
      `not priced (${unpriced.length}): ${unpriced.map((l) => `${l.id} (${l.type})`).join(', ')}`,
    );
  }
  if (estimate.uncounted.length > 0) {
    out.push('', `schedules not counted (priced as 0): ${estimate.uncounted.join('; ')}`);
  }
  out.push('', 'assumptions (change with --assume name=value or --assumptions FILE):');
  const rows = [['  name', 'paused', 'running', 'unit', '']];
  for (const name of ASSUMPTION_NAMES) {
    const spec: AssumptionSpec = ASSUMPTIONS[name];
    rows.push([
      `  ${name}`,
      String(assumptions.values.paused[name]),
      String(assumptions.values.running[name]),
      spec.unit,
      `${assumptions.overridden.has(name) ? '(set) ' : ''}${spec.why}`,
    ]);
  }
  out.push(...table(rows, new Set([1, 2])));
  return `${out.join('\n')}\n`;
}
