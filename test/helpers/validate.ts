import { App, IPolicyValidationContext, PolicyValidationPluginReport, Stage } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * Runs `pack` on `scope` the way aws-cdk-lib does after synthesis: with the app's synthesized
 * templates and the construct tree. The app is synthesized first (without the pack registered,
 * so its findings do not fail the synth under jest).
 */
export function validateAfterSynth(pack: NagPack, scope: IConstruct): PolicyValidationPluginReport {
  const app = Stage.of(scope) as App;
  const assembly = app.synth();
  const context: IPolicyValidationContext = {
    templatePaths: assembly.stacksRecursively.map((s) => s.templateFullPath),
    stackTemplates: assembly.stacksRecursively.map((s) => ({
      stackConstructPath: s.hierarchicalId,
      templatePath: s.templateFullPath,
      accountId: undefined,
      region: undefined,
    })),
    appConstruct: scope,
  };
  return pack.validate(context);
}
