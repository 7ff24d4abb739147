/**
 * Reading CloudFormation values without deploying them: a value is either a literal, a
 * reference to a resource of the template, or something only CloudFormation knows.
 *
 * Values are flattened to strings in which every part that cannot be known offline becomes a
 * token: `${Ref:Id}`, `${GetAtt:Id.Attr}`, `${AWS::AccountId}`, `${Param:Name}`, `${?}`.
 * Policy matching then treats a pseudo parameter as "any value of this account" and a
 * resource token as that resource.
 */

/** Pseudo parameters that stand for this account, region or partition. */
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

export interface FlattenContext {
  /** Logical ids of the template's resources. */
  readonly hasResource: (id: string) => boolean;
  /** Logical ids of the template's parameters. */
  readonly hasParameter: (id: string) => boolean;
  /** Called for each part that names neither a resource, a parameter nor a pseudo parameter. */
  readonly unresolved: (what: string) => void;
}

function refToken(name: string, ctx: FlattenContext): string {
  if (PSEUDO.has(name)) return `\${${name}}`;
  if (ctx.hasResource(name)) return `\${Ref:${name}}`;
  if (ctx.hasParameter(name)) return `\${Param:${name}}`;
  ctx.unresolved(`Ref ${name}`);
  return '${?}';
}

function getAttToken(target: string, attr: string, ctx: FlattenContext): string {
  if (ctx.hasResource(target)) return `\${GetAtt:${target}.${attr}}`;
  ctx.unresolved(`Fn::GetAtt ${target}.${attr}`);
  return '${?}';
}

/** The logical id and attribute of an `Fn::GetAtt`, in either of its two forms. */
export function getAttParts(value: unknown): [string, string] | undefined {
  if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
    return [value[0], value[1]];
  }
  if (typeof value === 'string' && value.includes('.')) {
    const dot = value.indexOf('.');
    return [value.slice(0, dot), value.slice(dot + 1)];
  }
  return undefined;
}

/**
 * Flattens a CloudFormation value to a string with tokens, or undefined when it is not a
 * string-like value (a list, a map, a condition).
 */
export function flatten(value: unknown, ctx: FlattenContext): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [fn, arg] = entries[0];
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? refToken(arg, ctx) : undefined;
    case 'Fn::GetAtt': {
      const parts = getAttParts(arg);
      return parts ? getAttToken(parts[0], parts[1], ctx) : undefined;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
        return undefined;
      }
      const parts = (arg[1] as unknown[]).map((p) => flatten(p, ctx) ?? '${?}');
      return parts.join(arg[0]);
    }
    case 'Fn::Sub': {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const vars = (Array.isArray(arg) ? arg[1] : {}) as Record<string, unknown>;
      if (typeof template !== 'string') return undefined;
      return template.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => {
        if (vars && name in vars) return flatten(vars[name], ctx) ?? '${?}';
        const dot = name.indexOf('.');
        if (dot > 0 && !PSEUDO.has(name)) {
          return getAttToken(name.slice(0, dot), name.slice(dot + 1), ctx);
        }
        return refToken(name, ctx);
      });
    }
    case 'Fn::ImportValue':
      ctx.unresolved(`Fn::ImportValue ${JSON.stringify(arg)}`);
      return '${?}';
    default:
      // Fn::If, Fn::Select, Fn::FindInMap...: depends on deploy-time inputs.
      return '${?}';
  }
}

/** The logical id a value points at: `Ref`, `Fn::GetAtt`, or a string that is only a token. */
export function referencedId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  if ('Fn::GetAtt' in v) return getAttParts(v['Fn::GetAtt'])?.[0];
  return undefined;
}

/** All logical ids a token string mentions. */
export function tokenIds(flat: string): string[] {
  const ids: string[] = [];
  for (const m of flat.matchAll(/\$\{(?:Ref|GetAtt):([^.}]+)[^}]*\}/g)) ids.push(m[1]);
  return ids;
}

/** A value as a list: CloudFormation accepts a single item where it takes a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Glob match in IAM's sense: `*` any run, `?` one character. Tokens for pseudo parameters
 * and unknown values in the *pattern* match anything, since any account could be meant.
 */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    re = compileGlob(pattern, caseInsensitive);
    globCache.set(key, re);
  }
  return re.test(value);
}

// Policies repeat the same patterns across thousands of checks; compiling once keeps the
// access analysis linear in practice.
const globCache = new Map<string, RegExp>();

function compileGlob(pattern: string, caseInsensitive: boolean): RegExp {
  const re = pattern
    .split(/(\$\{[^}]*\}|\*|\?)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part === '?') return '.';
      if (/^\$\{(AWS::|Param:|\?)/.test(part)) return '.*';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${re}$`, caseInsensitive ? 'is' : 's');
}

/** The fields of an ARN, tokens kept whole (`${AWS::Region}` contains colons). */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits a flattened ARN; undefined when the value is not an ARN. */
export function splitArn(value: string): ArnParts | undefined {
  const tokens: string[] = [];
  const masked = value.replace(/\$\{[^}]*\}/g, (t) => `«${tokens.push(t) - 1}»`);
  const unmask = (x: string) => x.replace(/«(\d+)»/g, (_m, i: string) => tokens[Number(i)]);
  const parts = masked.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account, ...rest] = parts.map(unmask);
  return { partition, service, region, account, resource: rest.join(':') };
}
