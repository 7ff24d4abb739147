import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { RootConstruct } from 'constructs';

/**
 * Starts aws-cdk-lib's built-in CloudFormation validation before the app is built, and returns
 * the plugin to register on the app (`Validations.of(app).addPlugins(plugin)`) in place of the
 * one aws-cdk-lib would start at synth.
 *
 * Why: the validation engine is WebAssembly, and while it starts its memory grows in many
 * steps. Each step makes V8 collect the whole JavaScript heap. At synth, that heap holds every
 * module the app loaded (aws-cdk-lib's service modules, the config schema, the policy packs):
 * about 55 MB for the default app, against 5 MB before any of it loads. Started first, the
 * same engine takes about a second less per default-app synth (bench/synth.bench.mjs measures
 * both orders in one run: "engine started at synth").
 *
 * The engine is started on a throwaway template holding one resource of each of
 * `resourceTypes`, so the schemas of those types are loaded too. At synth the plugin keeps this
 * engine when the app's templates hold only types from that list; any other type makes it start
 * a new engine, which is slower but validates the same. The plugin, its configuration and its
 * findings are aws-cdk-lib's own. Two things differ from aws-cdk-lib's start at synth:
 * - a plugin registered on the app runs even with the App prop
 *   `builtinCloudFormationValidation: false`, so register it only where that is not set;
 * - aws-cdk-lib's performance counters (which the CDK CLI reads for its telemetry when a synth
 *   is slow) count the throwaway check as one more validation, with its findings.
 *
 * Returns `undefined` where aws-cdk-lib would not validate (`CDK_VALIDATION=false`, which
 * `cdk synth --no-validation` sets), and where starting early fails for any reason: the app
 * then validates at synth as it would without this.
 */
export function startCloudFormationValidation(
  resourceTypes: readonly string[],
): CloudFormationValidatePlugin | undefined {
  if (process.env.CDK_VALIDATION === 'false') return undefined;
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'brokerguard-validation-'));
    const templatePath = join(dir, 'resource-types.template.json');
    const resources = Object.fromEntries(resourceTypes.map((type, i) => [`R${i}`, { Type: type }]));
    writeFileSync(templatePath, JSON.stringify({ Resources: resources }));
    const plugin = new CloudFormationValidatePlugin();
    // The report on the throwaway template is not wanted: only the engine it leaves started.
    plugin.validate({
      templatePaths: [templatePath],
      stackTemplates: [
        {
          stackConstructPath: 'ResourceTypes',
          templatePath,
          accountId: undefined,
          region: undefined,
        },
      ],
      appConstruct: new RootConstruct('ResourceTypes'),
    });
    return plugin;
  } catch {
    // Starting early is only an optimization; the synth's own validation reports any real fault.
    return undefined;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
