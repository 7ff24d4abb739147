/**
 * Small builders of AWS CloudFormation Guard text, shared by the deploy-time hook rules (which
 * read a CloudFormation template) and the Config custom policies (which read a configuration
 * item). Only what the twins need: quoting, tag filters, acknowledgement filters, number ranges.
 */

/** A Guard string literal. */
export function quote(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "\\'")}'`;
}

/** A Guard list literal of strings. */
export function list(values: readonly (string | number)[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

/** The Guard rule name of a pack rule: `BG-ROT-1` + `RotationWithinClassMaximum`. */
export function guardRuleName(id: string, name: string): string {
  return `${id.replace(/-/g, '_')}_${name}`;
}

/** Characters that end a Guard custom message or a regex literal are dropped from messages. */
export function message(text: string): string {
  return text.replace(/<<|>>|[<>]/g, '').replace(/\s*\n\s*/g, ' ');
}

/** A regex escaped for a Guard `/.../` literal. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A JavaScript regex as a Guard `/.../` literal (Rust syntax): the `i` flag becomes `(?i)` and
 * every `/` is escaped, so one pattern serves the pack and its twin.
 */
export function guardRegex(re: RegExp): string {
  if (/[^iu]/.test(re.flags)) {
    throw new Error(
      `guardRegex: only the i and u flags translate to Guard, got /${re.source}/${re.flags}`,
    );
  }
  return `/${re.flags.includes('i') ? '(?i)' : ''}${re.source.replace(/\\?\//g, '\\/')}/`;
}

/**
 * A regex alternation matching the decimal integers 1..max (no leading zeros), so templates'
 * string values (`"rate(12 hours)"`, `"3600"`) can be compared with a limit from contracts.
 */
export function upTo(max: number): string {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`upTo: max must be an integer ≥ 1, got ${max}`);
  const s = String(max);
  const parts: string[] = [];
  if (s.length > 1) parts.push(s.length === 2 ? '[1-9]' : `[1-9]\\d{0,${s.length - 2}}`);
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const lo = i === 0 ? 1 : 0;
    const rest = s.length - i - 1;
    if (rest === 0) {
      parts.push(s.slice(0, i) + (d === lo ? `${d}` : `[${lo}-${d}]`));
    } else if (d > lo) {
      parts.push(s.slice(0, i) + (d - 1 === lo ? `${lo}` : `[${lo}-${d - 1}]`) + `\\d{${rest}}`);
    }
  }
  return `(?:${parts.join('|')})`;
}

/** Template filter lines: a resource carries tag `key` with one of `values`. */
export function hasTag(key: string, values: readonly string[]): string {
  return `some Properties.Tags[*] { Key == ${quote(key)} Value IN ${list(values)} }`;
}

/** Template filter line: a resource does not carry tag `key` = `value`. */
export function lacksTag(key: string, value: string): string {
  return `Properties.Tags[ Key == ${quote(key)}\n    Value == ${quote(value)} ] empty`;
}

/**
 * Template filter line: the resource has no acknowledgement of rule `id` in the metadata
 * aws-cdk-lib writes for `Validations.of(x).acknowledge` (`Metadata.cdk_nag.rules_to_suppress`),
 * so the hook honours the same reviewed exceptions as the synth-time pack.
 */
export function notAcknowledged(id: string): string {
  return `${acknowledgements(id)} empty`;
}

/** Template filter line: the resource carries an acknowledgement of rule `id`. */
export function acknowledged(id: string): string {
  return `${acknowledgements(id)} !empty`;
}

function acknowledgements(id: string): string {
  return `Metadata.cdk_nag.rules_to_suppress[ id == /^BrokerGuardChecks::${escapeRegex(id)}(\\[|$)/ ]`;
}
