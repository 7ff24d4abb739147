import {
  CLASSIFIER_FAILURES_METRIC,
  CREDENTIAL_AGE_METRIC,
  CREDENTIAL_NAMESPACE,
  LOGIN_EVENTS_METRIC,
  LOGIN_NAMESPACE,
  TRADING_HOURS_METRIC,
} from '../contracts';
import { alarmMetrics } from '../policy/model/alarms';
import { asList, tokenIds } from '../policy/model/intrinsics';
import { ModelResource, TemplateModel } from '../policy/model/template-model';
import { AssumptionName } from './assumptions';
import { HOURS_PER_MONTH } from './prices';

/** Secrets Manager calls the rotation function once per step: create, set, test, finish. */
export const ROTATION_STEPS = 4;

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };
const DAY_NAMES: Record<string, number> = {
  SUN: 1,
  MON: 2,
  TUE: 3,
  WED: 4,
  THU: 5,
  FRI: 6,
  SAT: 7,
};
const MONTH_NAMES: Record<string, number> = Object.fromEntries(
  ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map(
    (m, i) => [m, i + 1],
  ),
);

/** How many values a cron field (`*`, `?`, `a`, `a,b`, `a-b`, `a/n`, `*\/n`, `L`) takes in [lo, hi]. */
function cronCount(field: string, lo: number, hi: number, names: Record<string, number> = {}) {
  if (field === '*' || field === '?') return hi - lo + 1;
  const values = new Set<number>();
  let special = 0;
  for (const part of field.split(',')) {
    // `L`, `15W`, `5L`, `MON#2`: one day of the month or week each.
    if (/^\d*L$|^\d+W$|#/i.test(part)) {
      special++;
      continue;
    }
    const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const num = (x: string) => names[x.toUpperCase()] ?? Number(x);
    const start = m[1] === '*' ? lo : num(m[1]);
    const end = m[2] ? num(m[2]) : m[1] === '*' || m[3] ? hi : start;
    const step = m[3] ? Number(m[3]) : 1;
    if ([start, end, step].some((n) => !Number.isFinite(n)) || step <= 0) return undefined;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values.size + special;
}

/**
 * How often a schedule expression fires in a 730-hour month: `rate(...)` exactly, `cron(...)`
 * as minutes × hours × days a month; `at(...)` fires once in its life, so 0 a month. Undefined
 * for an expression this reader cannot count.
 */
export function firesPerMonth(expression: string): number | undefined {
  const expr = expression.trim();
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/i.exec(expr);
  if (rate) {
    const every = Number(rate[1]) * UNIT_MINUTES[rate[2].toLowerCase()];
    return every > 0 ? (HOURS_PER_MONTH * 60) / every : undefined;
  }
  if (/^at\(/i.test(expr)) return 0;
  const cron = /^cron\((.*)\)$/i.exec(expr);
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [min, hour, dom, month, dow] = fields;
  const minutes = cronCount(min, 0, 59);
  const hours = cronCount(hour, 0, 23);
  const months = cronCount(month, 1, 12, MONTH_NAMES);
  const anyDom = dom === '*' || dom === '?';
  const anyDow = dow === '*' || dow === '?';
  const days = anyDom
    ? anyDow
      ? DAYS_PER_MONTH
      : (cronCount(dow, 1, 7, DAY_NAMES) ?? Number.NaN) * (DAYS_PER_MONTH / 7)
    : cronCount(dom, 1, 31);
  if ([minutes, hours, months, days].some((n) => n === undefined || Number.isNaN(n))) {
    return undefined;
  }
  return minutes! * hours! * days! * (months! / 12);
}

/** Why a function runs, and how often a month. */
export interface Invocations {
  readonly perMonth: number;
  /** Each source in words: `rule TickRule rate(1 minute): 43,800`. */
  readonly sources: readonly string[];
}

type Volumes = Readonly<Record<AssumptionName, number>>;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Functions of the template, by logical id, and the ones a value references (GetAtt/Ref). */
function functionsIn(model: TemplateModel, value: unknown): ModelResource[] {
  const flat = model.flatten(value) ?? JSON.stringify(value ?? '');
  return [...new Set(tokenIds(flat))]
    .map((id) => model.get(id))
    .filter((r): r is ModelResource => r?.type === 'AWS::Lambda::Function');
}

/** The text of a state machine's definition, with references as tokens. */
export function definitionText(model: TemplateModel, sm: ModelResource): string {
  const p = sm.properties;
  const body =
    p.DefinitionString !== undefined
      ? (model.flatten(p.DefinitionString) ?? '')
      : p.Definition !== undefined
        ? JSON.stringify(p.Definition)
        : '';
  const subs = Object.values((p.DefinitionSubstitutions ?? {}) as Record<string, unknown>)
    .map((v) => model.flatten(v) ?? '')
    .join(' ');
  return `${body} ${subs}`;
}

/** States a run passes through: one transition per state of the definition, an estimate. */
export function transitionsPerExecution(model: TemplateModel, sm: ModelResource): number {
  return (definitionText(model, sm).match(/\\?"Type\\?"\s*:/g) ?? []).length;
}

/** The log groups of the template each function and state machine writes to. */
function writers(model: TemplateModel): Map<string, ModelResource[]> {
  const out = new Map<string, ModelResource[]>();
  const add = (group: ModelResource | undefined, writer: ModelResource) => {
    if (group?.type === 'AWS::Logs::LogGroup')
      out.set(group.id, [...(out.get(group.id) ?? []), writer]);
  };
  const byName = new Map<string, ModelResource>();
  for (const g of model.byType('AWS::Logs::LogGroup')) {
    const name = model.flatten(g.properties.LogGroupName);
    if (name) byName.set(name, g);
  }
  for (const fn of model.byType('AWS::Lambda::Function')) {
    const logging = (fn.properties.LoggingConfig ?? {}) as Record<string, unknown>;
    const named = model.flatten(fn.properties.FunctionName);
    const group =
      model.target(logging.LogGroup) ??
      byName.get(`/aws/lambda/\${Ref:${fn.id}}`) ??
      (named ? byName.get(`/aws/lambda/${named}`) : undefined);
    add(group, fn);
  }
  for (const sm of model.byType('AWS::StepFunctions::StateMachine')) {
    const logging = (sm.properties.LoggingConfiguration ?? {}) as { Destinations?: unknown };
    for (const d of asList(logging.Destinations)) {
      const arn = (d as { CloudWatchLogsLogGroup?: { LogGroupArn?: unknown } })
        ?.CloudWatchLogsLogGroup?.LogGroupArn;
      add(model.target(arn), sm);
    }
  }
  return out;
}

/** What the template itself tells about how much each resource is used, in one scenario. */
export interface TemplateUsage {
  readonly invocations: ReadonlyMap<string, Invocations>;
  /** MB a month each log group of the template takes in. */
  readonly logMb: ReadonlyMap<string, number>;
  /** The log group each function writes to, when it is in the template. */
  readonly functionLogGroup: ReadonlyMap<string, string>;
  /** Expressions no count could be read from, to show as such. */
  readonly uncounted: readonly string[];
}

/** Counts invocations and log volume from schedules, rotation, subscriptions and stated volumes. */
export function templateUsage(model: TemplateModel, v: Volumes): TemplateUsage {
  const sources = new Map<string, string[]>();
  const counts = new Map<string, number>();
  const uncounted: string[] = [];
  const invoke = (fn: ModelResource, n: number, why: string) => {
    counts.set(fn.id, (counts.get(fn.id) ?? 0) + n);
    sources.set(fn.id, [...(sources.get(fn.id) ?? []), `${why}: ${fmt(n)}`]);
  };
  for (const rule of model.byType('AWS::Events::Rule')) {
    if (model.flatten(rule.properties.State) === 'DISABLED') continue;
    const targets = asList(rule.properties.Targets).flatMap((t) =>
      functionsIn(model, (t as { Arn?: unknown })?.Arn),
    );
    if (targets.length === 0) continue;
    const schedule = model.flatten(rule.properties.ScheduleExpression);
    let n: number | undefined = v.eventInvocationsPerRule;
    let why = `rule ${rule.id} (events, assumed)`;
    if (schedule !== undefined) {
      n = firesPerMonth(schedule);
      why = `rule ${rule.id} ${schedule}`;
      if (n === undefined) uncounted.push(`${rule.id}: ${schedule}`);
    }
    for (const fn of targets) if (n !== undefined) invoke(fn, n, why);
  }
  for (const rs of model.byType('AWS::SecretsManager::RotationSchedule')) {
    const rules = (rs.properties.RotationRules ?? {}) as Record<string, unknown>;
    const days = Number(model.flatten(rules.AutomaticallyAfterDays));
    const expr = model.flatten(rules.ScheduleExpression);
    const rotations =
      expr !== undefined ? firesPerMonth(expr) : days > 0 ? DAYS_PER_MONTH / days : undefined;
    if (rotations === undefined) {
      uncounted.push(`${rs.id}: ${expr ?? 'no rotation rule'}`);
      continue;
    }
    for (const fn of functionsIn(model, rs.properties.RotationLambdaARN)) {
      invoke(
        fn,
        rotations * ROTATION_STEPS,
        `rotation ${rs.id} (${ROTATION_STEPS} steps × ${fmt(rotations)})`,
      );
    }
  }
  for (const sm of model.byType('AWS::StepFunctions::StateMachine')) {
    const text = definitionText(model, sm);
    for (const fn of model.byType('AWS::Lambda::Function')) {
      const calls =
        text.split(`\${GetAtt:${fn.id}.Arn}`).length -
        1 +
        text.split(`\${Ref:${fn.id}}`).length -
        1;
      if (calls > 0) invoke(fn, calls * v.stateMachineExecutionsPerMonth, `state machine ${sm.id}`);
    }
  }
  // Log volume before subscriptions: functions' own logs, state machines', everything else.
  const groupWriters = writers(model);
  const functionLogGroup = new Map<string, string>();
  for (const [group, ws] of groupWriters) for (const w of ws) functionLogGroup.set(w.id, group);
  const logMb = () => {
    const out = new Map<string, number>();
    for (const g of model.byType('AWS::Logs::LogGroup')) {
      const ws = groupWriters.get(g.id);
      if (!ws) {
        out.set(g.id, v.appLogMbPerMonth);
        continue;
      }
      const kb = ws.reduce((sum, w) => {
        const n =
          w.type === 'AWS::Lambda::Function'
            ? (counts.get(w.id) ?? 0)
            : v.stateMachineExecutionsPerMonth * transitionsPerExecution(model, w);
        return sum + n * v.lambdaLogKbPerInvocation;
      }, 0);
      out.set(g.id, kb / 1024);
    }
    return out;
  };
  const before = logMb();
  for (const sf of model.byType('AWS::Logs::SubscriptionFilter')) {
    const source = model.target(sf.properties.LogGroupName);
    const mb = source ? (before.get(source.id) ?? 0) : 0;
    const n = (mb * 1024) / v.subscriptionKbPerInvocation;
    for (const fn of functionsIn(model, sf.properties.DestinationArn)) {
      invoke(fn, n, `subscription ${sf.id} (${fmt(mb)} MB of log)`);
    }
  }
  const invocations = new Map<string, Invocations>();
  for (const [id, perMonth] of counts) invocations.set(id, { perMonth, sources: sources.get(id)! });
  return { invocations, logMb: logMb(), functionLogGroup, uncounted };
}

/** A custom CloudWatch metric the template makes someone pay for. */
export interface CustomMetric {
  readonly namespace: string;
  readonly name: string;
  /** How the hours it is sent are known: which assumption, or a fact of the kit. */
  readonly hours: AssumptionName | 'always';
  /** Metrics this stands for (the kit's login events go out with two dimension sets). */
  readonly count: number;
  readonly why: string;
}

function kitMetric(namespace: string, name: string): Omit<CustomMetric, 'namespace' | 'name'> {
  if (namespace === CREDENTIAL_NAMESPACE && name === CREDENTIAL_AGE_METRIC) {
    return { hours: 'always', count: 1, why: 'sent hourly by the credential age check' };
  }
  if (namespace === LOGIN_NAMESPACE && name === TRADING_HOURS_METRIC) {
    return { hours: 'tradingHoursPerMonth', count: 1, why: 'sent each minute of trading hours' };
  }
  if (namespace === LOGIN_NAMESPACE && name === LOGIN_EVENTS_METRIC) {
    return {
      hours: 'loginEventMetricHours',
      count: 2,
      why: 'sent per login event, with two dimension sets',
    };
  }
  if (namespace === LOGIN_NAMESPACE && name === CLASSIFIER_FAILURES_METRIC) {
    return {
      hours: 'sparseMetricHours',
      count: 1,
      why: 'sent only when the classifier survives a failure',
    };
  }
  return { hours: 'always', count: 1, why: 'publisher unknown: priced as sent every hour' };
}

/**
 * The custom metrics (any namespace but `AWS/…`) that alarms watch and metric filters make,
 * each once, under the first resource that needs it: a metric filter before the alarms on it.
 */
export function customMetrics(model: TemplateModel): Map<string, CustomMetric[]> {
  const seen = new Set<string>();
  const out = new Map<string, CustomMetric[]>();
  const add = (owner: string, key: string, metric: CustomMetric) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.set(owner, [...(out.get(owner) ?? []), metric]);
  };
  for (const mf of model.byType('AWS::Logs::MetricFilter')) {
    for (const t of asList(mf.properties.MetricTransformations)) {
      const { MetricNamespace, MetricName, DefaultValue } = (t ?? {}) as Record<string, unknown>;
      const namespace = model.flatten(MetricNamespace) ?? '${?}';
      const name = model.flatten(MetricName) ?? '${?}';
      add(mf.id, `${namespace}|${name}|`, {
        namespace,
        name,
        ...(DefaultValue === undefined
          ? { hours: 'sparseMetricHours', count: 1, why: 'sent only when the filter matches' }
          : { hours: 'always', count: 1, why: 'has a default value: sent whenever log arrives' }),
      });
    }
  }
  for (const alarm of model.byType('AWS::CloudWatch::Alarm')) {
    for (const m of alarmMetrics(model, alarm)) {
      if (!m.namespace || m.namespace.startsWith('AWS/') || !m.metricName) continue;
      const dims = Object.entries(m.dimensions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, val]) => `${k}=${val}`)
        .join(',');
      // A filter's metric is the same metric whatever dimension an alarm picks.
      if (seen.has(`${m.namespace}|${m.metricName}|`)) continue;
      add(alarm.id, `${m.namespace}|${m.metricName}|${dims}`, {
        namespace: m.namespace,
        name: dims ? `${m.metricName} {${dims}}` : m.metricName,
        ...kitMetric(m.namespace, m.metricName),
      });
    }
  }
  return out;
}
