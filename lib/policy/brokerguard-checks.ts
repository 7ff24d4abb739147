import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CfnResource,
  IPolicyValidationContext,
  PolicyValidationPluginReport,
  Stack,
} from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { TemplateModel } from './model/template-model';
import { BROKERGUARD_RULES } from './rules';

/**
 * The brokerguard rule pack: segment isolation, MFA and session limits, rotation intervals,
 * segment keys, login-anomaly alarms, log groups and gateway ports. Rules reason from the
 * template (resource types, policies and the `brokerguard:*` tags), so they also judge
 * resources the kit did not make.
 *
 * @example
 * Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
 * // acknowledge one finding, with a reason a reviewer accepts:
 * Validations.of(role).acknowledge({ id: 'BrokerGuardChecks::BG-IAM-3', reason: '...' });
 */
export class BrokerGuardChecks extends NagPack {
  public readonly name = 'BrokerGuardChecks';
  /** Models of the stacks seen in the current validation run; reset at each run. */
  private models = new Map<Stack, TemplateModel>();
  /** The synthesized templates of the current validation run, by file name. */
  private templates?: Map<string, string>;

  /**
   * @param scope the app; with it, acknowledgements are also written into each resource's
   *   `cdk_nag` metadata so that `brokerguard check` on the synthesized templates honours them.
   * @param props `writeSuppressionsToCloudFormation` @default true (when a scope is given)
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, { writeSuppressionsToCloudFormation: true, ...props });
    this.packName = 'BG';
  }

  /**
   * Called by aws-cdk-lib after synthesis: the rules judge the synthesized templates (tags,
   * resolved policies), and findings are reported on the constructs that made them.
   */
  public override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.templates = new Map(context.templatePaths.map((p) => [basename(p), p]));
    try {
      return super.validate(context);
    } finally {
      this.templates = undefined;
    }
  }

  /**
   * Judges `scope` against the templates of the current validation run. Register the pack with
   * `Validations.of(app).addPlugins(...)` and synthesize: the rules read what is synthesized.
   */
  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    if (!this.templates) {
      throw new BrokerGuardError(
        'CHECKS_NEED_SYNTH',
        `BrokerGuardChecks judges synthesized templates: register it with Validations.of(app).addPlugins(...) and synthesize, instead of calling validateScope(${scope.node.path || 'app'}) directly`,
      );
    }
    this.models = new Map();
    try {
      return super.validateScope(scope);
    } finally {
      this.models = new Map();
    }
  }

  protected checkResource(node: CfnResource): void {
    const stack = Stack.of(node);
    let model = this.models.get(stack);
    if (!model) {
      model = this.modelOf(stack);
      this.models.set(stack, model);
    }
    const resource = model.get(stack.resolve(node.logicalId));
    if (!resource) return;
    for (const rule of BROKERGUARD_RULES) {
      if (!rule.resourceTypes.includes(resource.type)) continue;
      this.applyRule({
        ruleSuffixOverride: rule.id.replace(/^BG-/, ''),
        info: rule.info,
        explanation: `${rule.explanation} Fix: ${rule.fix}`,
        level: rule.level,
        node,
        rule: () => rule.evaluate(resource, model),
      });
    }
  }

  private modelOf(stack: Stack): TemplateModel {
    const file = this.templates?.get(stack.templateFile);
    if (!file) {
      throw new BrokerGuardError(
        'CHECKS_NO_TEMPLATE',
        `BrokerGuardChecks: no synthesized template ${stack.templateFile} for stack ${stack.node.path} in this validation run`,
      );
    }
    return TemplateModel.fromTemplate(JSON.parse(readFileSync(file, 'utf8')), stack.node.path);
  }
}
