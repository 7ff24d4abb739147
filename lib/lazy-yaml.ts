import type * as Yaml from 'yaml';

/**
 * The yaml package, loaded on first use. A synth on cdk.json's embedded config reads only JSON
 * (the context, then the synthesized template), so it never pays the ~40 ms this parser takes
 * to load; `-c brokerguardConfig=FILE.yaml` and `brokerguard check` on YAML still load it.
 */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('yaml') as typeof Yaml;
}
