import { z } from 'zod';
import { BrokerGuardError } from '../errors';
import { configSchema, BrokerGuardConfig } from './schema';

/** Renders a path the way a user would write it in the config: `credentials[1].segment`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The value at the issue's own path (zod reports a discriminator issue on its parent object). */
function inputAt(issue: z.core.$ZodIssue): unknown {
  const last = issue.path[issue.path.length - 1];
  const input = issue.input;
  if (
    typeof last === 'string' &&
    input &&
    typeof input === 'object' &&
    !Array.isArray(input) &&
    last in input
  ) {
    return (input as Record<string, unknown>)[last];
  }
  return input;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => formatPath([...issue.path, k]));
    return `${keys.join(', ')}: unknown key${keys.length > 1 ? 's' : ''} (a typo would otherwise fall back to a default silently)`;
  }
  if (issue.code === 'invalid_value') {
    return `${where}: got ${show(issue.input)}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where}: got ${show(inputAt(issue))}; ${issue.message}`;
}

/**
 * Validates a raw configuration and fills in defaults.
 *
 * @param source names where the config came from, for the error message
 * @throws BrokerGuardError (code `CONFIG_INVALID`) listing every problem with its field path,
 *   the value given and what is allowed
 */
export function parseConfig(raw: unknown, source = 'config'): BrokerGuardConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${describeIssue(i)}`);
  throw new BrokerGuardError(
    'CONFIG_INVALID',
    `brokerguard: invalid configuration in ${source}:\n${lines.join('\n')}`,
  );
}
