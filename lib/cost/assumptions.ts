import { BrokerGuardError } from '../errors';

/** The two states a deployment is priced in. */
export const SCENARIOS = ['paused', 'running'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** A volume the template cannot tell, with its value in each scenario. */
export interface AssumptionSpec {
  readonly paused: number;
  readonly running: number;
  readonly unit: string;
  /** Why this value, in one line. */
  readonly why: string;
  /** The largest value that makes sense. @default - no limit */
  readonly max?: number;
}

/**
 * The named volumes behind every usage-priced line. The report prints each with its value; a
 * user replaces any with `--assume name=value` or `--assumptions FILE`.
 */
export const ASSUMPTIONS = {
  gatewayHoursPerMonth: {
    paused: 730,
    running: 730,
    unit: 'hours/month',
    max: 744,
    why: 'hours a running ECS task runs: 24 × 7 (set 152 for US trading hours only)',
  },
  runningTasksPerService: {
    paused: 0,
    running: 1,
    unit: 'tasks',
    why: 'tasks of each ECS service when running, if the template asks for fewer (paused: the template’s DesiredCount)',
  },
  lambdaAverageDurationMs: {
    paused: 300,
    running: 300,
    unit: 'ms',
    why: 'billed duration of one Lambda invocation',
  },
  lambdaLogKbPerInvocation: {
    paused: 1,
    running: 1,
    unit: 'KB',
    why: 'log written per invocation (START/END/REPORT lines and a few JSON lines)',
  },
  eventInvocationsPerRule: {
    paused: 5,
    running: 10,
    unit: 'invocations/month',
    why: 'matches of each event-pattern rule that invokes a function (alarm state changes are rare)',
  },
  stateMachineExecutionsPerMonth: {
    paused: 1,
    running: 1,
    unit: 'executions/month',
    why: 'executions of each state machine (incident playbooks run rarely)',
  },
  appLogMbPerMonth: {
    paused: 1,
    running: 300,
    unit: 'MB/month',
    why: 'log ingested by each log group no function or state machine of the template writes (gateway and bot logs)',
  },
  subscriptionKbPerInvocation: {
    paused: 4,
    running: 4,
    unit: 'KB',
    why: 'log delivered to a subscription-filter function per invocation',
  },
  logHistoryMonths: {
    paused: 12,
    running: 12,
    unit: 'months',
    why: 'months of log kept at steady state (capped by each group’s retention); uncompressed, so an upper bound',
  },
  keyAgeMonths: {
    paused: 0,
    running: 0,
    unit: 'months',
    why: 'age of the KMS keys: after 1 and 2 rotation periods each key costs $1 more (0: the first year)',
  },
  kmsRequestsPerKey: {
    paused: 1000,
    running: 20000,
    unit: 'requests/month',
    why: 'encrypt/decrypt calls per KMS key',
  },
  secretApiCallsPerSecret: {
    paused: 100,
    running: 10000,
    unit: 'calls/month',
    why: 'GetSecretValue and rotation calls per secret (a trading server reading its token every few minutes)',
  },
  dynamoReadsPerTable: {
    paused: 1000,
    running: 100000,
    unit: 'read units/month',
    why: 'reads of each on-demand table',
  },
  dynamoWritesPerTable: {
    paused: 100,
    running: 10000,
    unit: 'write units/month',
    why: 'writes to each on-demand table',
  },
  dynamoStorageGb: {
    paused: 0.01,
    running: 0.01,
    unit: 'GB',
    why: 'size of each table (a device registry is a few KB)',
  },
  alertsPerMonth: {
    paused: 10,
    running: 30,
    unit: 'messages/month',
    why: 'messages published to each SNS topic, each delivered to every subscription',
  },
  natGbPerMonth: {
    paused: 0,
    running: 5,
    unit: 'GB/month',
    why: 'data through each NAT gateway',
  },
  endpointGbPerMonth: {
    paused: 0,
    running: 1,
    unit: 'GB/month',
    why: 'data through each interface endpoint',
  },
  tradingHoursPerMonth: {
    paused: 152,
    running: 152,
    unit: 'hours/month',
    max: 744,
    why: 'clock hours with trading: 09:30–16:00 touches 7 hours on each of 21.7 weekdays',
  },
  loginEventMetricHours: {
    paused: 0,
    running: 152,
    unit: 'hours/month',
    max: 744,
    why: 'hours each login-event metric is sent (only when such an event is logged; running: every trading hour, an upper bound)',
  },
  sparseMetricHours: {
    paused: 0,
    running: 5,
    unit: 'hours/month',
    max: 744,
    why: 'hours a metric sent only on a rare match (classifier failures, CIS metric filters) is sent',
  },
  hookInvocationsPerMonth: {
    paused: 20,
    running: 60,
    unit: 'invocations/month',
    why: 'invocations of each CloudFormation hook: one per stack create, update or delete in the account and region for a STACK hook (raise it for RESOURCE hooks: one per resource change)',
  },
} as const satisfies Record<string, AssumptionSpec>;

export type AssumptionName = keyof typeof ASSUMPTIONS;
export const ASSUMPTION_NAMES = Object.keys(ASSUMPTIONS) as AssumptionName[];

/** The assumptions in force: a value per scenario, and which ones the user set. */
export interface Assumptions {
  readonly values: Readonly<Record<Scenario, Readonly<Record<AssumptionName, number>>>>;
  readonly overridden: ReadonlySet<AssumptionName>;
}

/** The catalog's values. */
export function defaultAssumptions(): Assumptions {
  const pick = (s: Scenario) =>
    Object.fromEntries(ASSUMPTION_NAMES.map((n) => [n, ASSUMPTIONS[n][s]])) as Record<
      AssumptionName,
      number
    >;
  return { values: { paused: pick('paused'), running: pick('running') }, overridden: new Set() };
}

function usage(message: string): BrokerGuardError {
  return new BrokerGuardError('ASSUMPTION_INVALID', message);
}

function checkedValue(where: string, name: AssumptionName, raw: unknown): number {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const max = (ASSUMPTIONS[name] as AssumptionSpec).max;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > (max ?? Infinity)
  ) {
    const range = max === undefined ? 'a number ≥ 0' : `a number from 0 to ${max}`;
    throw usage(`${where} ${name}: got ${JSON.stringify(raw)}; allowed: ${range}`);
  }
  return value;
}

function checkedName(where: string, name: string): AssumptionName {
  if (!(ASSUMPTION_NAMES as string[]).includes(name)) {
    throw usage(`${where}: unknown assumption "${name}"; allowed: ${ASSUMPTION_NAMES.join(', ')}`);
  }
  return name as AssumptionName;
}

/** One change: a name, the scenarios it applies to, the value. */
interface Change {
  readonly name: AssumptionName;
  readonly scenarios: readonly Scenario[];
  readonly value: number;
}

function apply(base: Assumptions, changes: readonly Change[]): Assumptions {
  const values = { paused: { ...base.values.paused }, running: { ...base.values.running } };
  const overridden = new Set(base.overridden);
  for (const c of changes) {
    for (const s of c.scenarios) values[s][c.name] = c.value;
    overridden.add(c.name);
  }
  return { values, overridden };
}

/** Splits `name` or `paused.name` / `running.name` into the name and its scenarios. */
function scoped(where: string, key: string): { name: AssumptionName; scenarios: Scenario[] } {
  const dot = key.indexOf('.');
  if (dot > 0 && (SCENARIOS as readonly string[]).includes(key.slice(0, dot))) {
    return {
      name: checkedName(where, key.slice(dot + 1)),
      scenarios: [key.slice(0, dot) as Scenario],
    };
  }
  return { name: checkedName(where, key), scenarios: [...SCENARIOS] };
}

/**
 * Applies `--assume` text: `name=value[,name=value...]`, where a name may be scoped to one
 * scenario (`running.appLogMbPerMonth=50`). Throws BrokerGuardError ASSUMPTION_INVALID naming
 * the assumption, the value and what is allowed.
 */
export function applyAssumeFlag(base: Assumptions, text: string): Assumptions {
  const changes = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0)
        throw usage(`--assume: got "${part}"; write name=value, e.g. gatewayHoursPerMonth=152`);
      const { name, scenarios } = scoped('--assume', part.slice(0, eq).trim());
      return { name, scenarios, value: checkedValue('--assume', name, part.slice(eq + 1).trim()) };
    });
  if (changes.length === 0) throw usage('--assume: name at least one name=value');
  return apply(base, changes);
}

/**
 * Applies an assumptions file's JSON: `{ "name": 5 }` for both scenarios, or
 * `{ "name": { "paused": 0, "running": 5 } }`. `file` names it in errors.
 */
export function applyAssumptionsJson(base: Assumptions, json: unknown, file: string): Assumptions {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw usage(
      `${file}: an assumptions file is a JSON object of name: value; got ${Array.isArray(json) ? 'a list' : typeof json}`,
    );
  }
  const changes: Change[] = [];
  for (const [key, raw] of Object.entries(json as Record<string, unknown>)) {
    const name = checkedName(file, key);
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [s, v] of Object.entries(raw as Record<string, unknown>)) {
        if (!(SCENARIOS as readonly string[]).includes(s)) {
          throw usage(`${file} ${name}: unknown scenario "${s}"; allowed: ${SCENARIOS.join(', ')}`);
        }
        changes.push({ name, scenarios: [s as Scenario], value: checkedValue(file, name, v) });
      }
    } else changes.push({ name, scenarios: [...SCENARIOS], value: checkedValue(file, name, raw) });
  }
  return apply(base, changes);
}
