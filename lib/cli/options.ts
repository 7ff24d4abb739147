import { parseArgs } from 'node:util';
import { BrokerGuardError } from '../errors';

/** One option a verb accepts. Every verb also accepts `--help` / `-h`. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** A one-letter alias, e.g. `o` for `-o`. */
  readonly short?: string;
  /** The values a string option allows. @default - any value */
  readonly choices?: readonly string[];
}

type Values<S extends Record<string, OptionSpec>> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedOptions<S extends Record<string, OptionSpec>> {
  readonly values: Values<S>;
  readonly positionals: string[];
  /** `--help` or `-h` was given: print the usage, whatever else is wrong. */
  readonly help: boolean;
}

function usageError(message: string): BrokerGuardError {
  return new BrokerGuardError('USAGE', message);
}

/** `--output --format` reads as a forgotten value, not as a file named `--format`. */
const OPTION_LIKE = /^-(-\S|[A-Za-z])/;

/**
 * Parses a verb's arguments with node's own parser and checks them the same way for every
 * verb, so that each mistake reads alike: `unknown option "--fromat"; allowed: --format,
 * --output, --help`, `--output needs a value`, `--format: got "xml"; allowed: text, json`.
 * Throws BrokerGuardError USAGE; the last of a repeated option wins.
 */
export function parseOptions<S extends Record<string, OptionSpec>>(
  argv: readonly string[],
  spec: S,
): ParsedOptions<S> {
  const options = { ...spec, help: { type: 'boolean', short: 'h' } } as Record<string, OptionSpec>;
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const allowed = Object.keys(options)
    .map((n) => `--${n}`)
    .join(', ');
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  let help = false;
  let problem: BrokerGuardError | undefined;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const o = options[token.name];
    if (token.name === 'help') {
      help = true;
      continue;
    }
    // The first mistake is the one reported; --help anywhere still wins.
    if (problem) continue;
    if (!o) {
      const shown = token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName;
      problem = usageError(`unknown option "${shown}"; allowed: ${allowed}`);
    } else if (o.type === 'boolean') {
      if (token.inlineValue) {
        problem = usageError(`${token.rawName} takes no value, got "${token.value}"`);
      } else values[token.name] = true;
    } else if (
      token.value === undefined ||
      token.value === '' ||
      (!token.inlineValue && OPTION_LIKE.test(token.value))
    ) {
      const choices = o.choices ? `: one of ${o.choices.join(', ')}` : '';
      problem = usageError(`${token.rawName} needs a value${choices}`);
    } else if (o.choices && !o.choices.includes(token.value)) {
      problem = usageError(
        `${token.rawName}: got "${token.value}"; allowed: ${o.choices.join(', ')}`,
      );
    } else values[token.name] = token.value;
  }
  if (problem && !help) throw problem;
  return { values: values as Values<S>, positionals, help };
}
