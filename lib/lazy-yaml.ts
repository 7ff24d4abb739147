import type * as Yaml from 'yaml';

/**
 * The yaml package, loaded on first use. Synth reads only JSON (cdk.json context, the
 * synthesized template), so it never pays the ~40 ms this parser takes to load.
 */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('yaml') as typeof Yaml;
}
