import { referencedId } from './intrinsics';
import { ModelResource, TemplateModel } from './template-model';

/** Rotation schedules by the logical id of the secret they rotate, computed once per model. */
export function rotationSchedules(model: TemplateModel): ReadonlyMap<string, ModelResource[]> {
  return model.memo('rotationSchedules', () => {
    const out = new Map<string, ModelResource[]>();
    for (const rs of model.byType('AWS::SecretsManager::RotationSchedule')) {
      const id = referencedId(rs.properties.SecretId);
      if (!id) {
        model.noteUnresolved(`SecretId of ${rs.id} (${model.flatten(rs.properties.SecretId)})`);
        continue;
      }
      out.set(id, [...(out.get(id) ?? []), rs]);
    }
    return out;
  });
}

const UNIT_HOURS: Record<string, number> = { minute: 1 / 60, hour: 1, day: 24 };
const DAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

/** Largest cyclic gap between sorted points on a circle of `size`. */
function maxGap(points: number[], size: number): number {
  const s = [...new Set(points)].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  let gap = s[0] + size - s[s.length - 1];
  for (let i = 1; i < s.length; i++) gap = Math.max(gap, s[i] - s[i - 1]);
  return gap;
}

/** Values of one cron field (`*`, `a`, `a,b`, `a-b`, `a/n`, `*\/n`) within [lo, hi]. */
function cronValues(
  field: string,
  lo: number,
  hi: number,
  names: Record<string, number> = {},
): number[] | undefined {
  const out: number[] = [];
  for (const part of field.split(',')) {
    const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const num = (x: string) => names[x.toUpperCase()] ?? Number(x);
    const start = m[1] === '*' ? lo : num(m[1]);
    const end = m[2] ? num(m[2]) : m[1] === '*' || m[3] ? hi : start;
    const step = m[3] ? Number(m[3]) : 1;
    if ([start, end, step].some((n) => !Number.isFinite(n))) return undefined;
    for (let v = start; v <= end; v += step) out.push(v);
  }
  return out;
}

/**
 * The longest time between two rotations a schedule allows, in hours; undefined when the
 * schedule cannot be read (a cron expression this reader does not understand).
 */
export function rotationIntervalHours(
  model: TemplateModel,
  schedule: ModelResource,
): number | undefined {
  const rules = (schedule.properties.RotationRules ?? {}) as Record<string, unknown>;
  const days = rules.AutomaticallyAfterDays;
  if (typeof days === 'number' || (typeof days === 'string' && /^\d+$/.test(days)))
    return Number(days) * 24;
  const expr = model.flatten(rules.ScheduleExpression)?.trim();
  if (!expr) return undefined;
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/i.exec(expr);
  if (rate) return Number(rate[1]) * UNIT_HOURS[rate[2].toLowerCase()];
  const cron = /^cron\((.*)\)$/i.exec(expr);
  if (!cron) return undefined;
  const [, hours, dom, , dow] = cron[1].trim().split(/\s+/);
  const anyDay = (f?: string) => f === '*' || f === '?';
  if (anyDay(dom) && anyDay(dow)) {
    const h = cronValues(hours ?? '', 0, 23);
    return h ? maxGap(h, 24) : undefined;
  }
  if (!anyDay(dom)) {
    if (/^\*\/\d+$/.test(dom ?? '')) return Number(dom!.slice(2)) * 24;
    const d = cronValues(dom ?? '', 1, 31);
    return d ? maxGap(d, 31) * 24 : undefined;
  }
  const w = cronValues(dow ?? '', 1, 7, DAYS);
  return w ? maxGap(w, 7) * 24 : undefined;
}

/** Roles of the Lambda functions named by the secret's rotation schedules. */
export function rotationRoleIds(model: TemplateModel, secret: ModelResource): Set<string> {
  const out = new Set<string>();
  for (const rs of model.byType('AWS::SecretsManager::RotationSchedule')) {
    if (referencedId(rs.properties.SecretId) !== secret.id) continue;
    const fn = model.target(rs.properties.RotationLambdaARN);
    const role = fn && model.target(fn.properties.Role);
    if (role) out.add(role.id);
  }
  return out;
}
