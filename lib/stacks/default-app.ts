import { App, AppProps, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardChecks } from '../policy/brokerguard-checks';
import { loadAppConfig } from '../config/load';
import { stackName } from '../contracts';
import { BrokerGuardStack } from './brokerguard-stack';

export interface DefaultAppOptions {
  /**
   * aws-cdk-lib's built-in template validation, already started
   * (`startCloudFormationValidation`). Registered after the two packs, where aws-cdk-lib puts
   * its own in an app without nested stages; not registered when
   * `builtinCloudFormationValidation` is false. aws-cdk-lib allows one
   * CloudFormationValidatePlugin per app, so register no other.
   *
   * @default - aws-cdk-lib starts its own at synth
   */
  readonly templateValidation?: CloudFormationValidatePlugin;
}

export interface DefaultApp {
  readonly app: App;
  readonly stack: BrokerGuardStack;
}

/**
 * The kit's default app: the configuration from context (cdk.json's embedded default or
 * `-c brokerguardConfig=FILE`), one BrokerGuardStack, and the policy gate — AwsSolutions and
 * BrokerGuardChecks as validation plugins, so any finding fails the synth.
 *
 * The configuration is validated before anything is built: a bad value throws
 * BrokerGuardError and nothing is synthesized.
 */
export function createDefaultApp(
  props: AppProps = {},
  options: DefaultAppOptions = {},
): DefaultApp {
  const app = new App(props);
  const config = loadAppConfig((key) => app.node.tryGetContext(key));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // --- block: policy pack (BrokerGuardChecks) ---
  Validations.of(app).addPlugins(new BrokerGuardChecks(app));
  // --- end block: policy pack ---
  if (options.templateValidation && props.builtinCloudFormationValidation !== false) {
    Validations.of(app).addPlugins(options.templateValidation);
  }
  const stack = new BrokerGuardStack(app, stackName(config.deployment.name), { config });
  return { app, stack };
}
