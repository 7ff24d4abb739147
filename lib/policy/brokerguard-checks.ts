import { CfnResource, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { stackModel } from './model/from-stack';
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

  /**
   * @param scope the app; with it, acknowledgements are also written into each resource's
   *   `cdk_nag` metadata so that `brokerguard check` on the synthesized templates honours them.
   * @param props `writeSuppressionsToCloudFormation` @default true (when a scope is given)
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, { writeSuppressionsToCloudFormation: true, ...props });
    this.packName = 'BG';
  }

  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
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
      model = stackModel(stack);
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
}
