import { TAG_SEGMENT } from '../contracts';
import { TemplateModel } from '../policy/model/template-model';
import { Assumptions, SCENARIOS, Scenario } from './assumptions';
import { Charge, PriceStatus, priceResource } from './resource-pricing';
import { customMetrics, templateUsage } from './usage';

/** Resources without a `brokerguard:segment` tag are priced under this segment. */
export const SHARED_SEGMENT = 'shared';

type PerScenario<T> = Readonly<Record<Scenario, T>>;

/** One resource's line of the report. */
export interface CostLine {
  readonly template: string;
  readonly id: string;
  readonly type: string;
  readonly segment: string;
  /** The status in the running scenario (a type is free or unknown in both). */
  readonly status: PriceStatus;
  readonly monthlyUsd: PerScenario<number>;
  readonly charges: PerScenario<readonly Charge[]>;
  readonly note?: string;
}

/** The estimate of a set of templates in both scenarios. */
export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly segments: ReadonlyArray<{
    readonly segment: string;
    readonly monthlyUsd: PerScenario<number>;
  }>;
  readonly totalUsd: PerScenario<number>;
  /** `template: expression` for schedules whose count could not be read (priced as 0). */
  readonly uncounted: readonly string[];
}

/** A template to price: its model (from `TemplateModel.fromTemplate`). */
export function estimateCost(
  models: readonly TemplateModel[],
  assumptions: Assumptions,
): CostEstimate {
  const lines: CostLine[] = [];
  const uncounted: string[] = [];
  for (const model of models) {
    const metrics = customMetrics(model);
    const usage = Object.fromEntries(
      SCENARIOS.map((s) => [s, templateUsage(model, assumptions.values[s])]),
    ) as Record<Scenario, ReturnType<typeof templateUsage>>;
    uncounted.push(...usage.running.uncounted.map((u) => `${model.source}: ${u}`));
    for (const res of model.resources.values()) {
      const prices = Object.fromEntries(
        SCENARIOS.map((scenario) => [
          scenario,
          priceResource(res, {
            model,
            scenario,
            volumes: assumptions.values[scenario],
            usage: usage[scenario],
            metrics,
          }),
        ]),
      ) as Record<Scenario, ReturnType<typeof priceResource>>;
      const sum = (s: Scenario) => prices[s].charges.reduce((t, c) => t + c.usd, 0);
      const note = prices.running.note ?? prices.paused.note;
      lines.push({
        template: model.source,
        id: res.id,
        type: res.type,
        segment: res.tags[TAG_SEGMENT] || SHARED_SEGMENT,
        status: prices.running.status,
        monthlyUsd: { paused: sum('paused'), running: sum('running') },
        charges: { paused: prices.paused.charges, running: prices.running.charges },
        ...(note ? { note } : {}),
      });
    }
  }
  const bySegment = new Map<string, Record<Scenario, number>>();
  const totalUsd = { paused: 0, running: 0 };
  for (const line of lines) {
    const seg = bySegment.get(line.segment) ?? { paused: 0, running: 0 };
    for (const s of SCENARIOS) {
      seg[s] += line.monthlyUsd[s];
      totalUsd[s] += line.monthlyUsd[s];
    }
    bySegment.set(line.segment, seg);
  }
  const segments = [...bySegment]
    .sort(([a], [b]) => (a === SHARED_SEGMENT ? 1 : b === SHARED_SEGMENT ? -1 : a.localeCompare(b)))
    .map(([segment, monthlyUsd]) => ({ segment, monthlyUsd }));
  return { lines, segments, totalUsd, uncounted };
}
