import { Aspects, Stage, StageProps, Token } from 'aws-cdk-lib';
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { Construct, IConstruct } from 'constructs';
import { parseConfig } from '../config/parse';
import { BrokerGuardConfig } from '../config/schema';
import { stackName } from '../contracts';
import { BrokerGuardError } from '../errors';
import { BrokerGuardStack } from './brokerguard-stack';

export interface BrokerGuardStageProps extends StageProps {
  /**
   * The deployment's brokerguard configuration (docs/configuration.md), as for
   * BrokerGuardStack. `env` (account and region) is required: a stage is one deployment in
   * one account and region.
   * @default - every default: a paper deployment named `paper`
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsii: any JSON object, validated by the schema
  readonly config?: any;
}

/** What each stage of an app claimed, to keep paper and live apart. */
interface Claim {
  readonly path: string;
  readonly account: string;
  readonly region: string;
  readonly deployment: string;
  readonly tradingMode: string;
}
const claims = new WeakMap<IConstruct, Claim[]>();

/**
 * One brokerguard deployment (paper or live) in one account and region, as a CDK Stage: add
 * several to an app, or to a CDK Pipelines wave. Its stack is named
 * `brokerguard-<deployment>`, like the default app's.
 *
 * Paper and live never share an account: a paper stage and a live stage of one app in the
 * same account throw BrokerGuardError, as do two stages with one deployment name in the same
 * account and region.
 */
export class BrokerGuardStage extends Stage {
  /** The deployment's stack. */
  public readonly stack: BrokerGuardStack;

  constructor(scope: Construct, id: string, props: BrokerGuardStageProps) {
    const account = props.env?.account;
    const region = props.env?.region;
    if (!isConcrete(account) || !/^\d{12}$/.test(account)) {
      throw new BrokerGuardError(
        'STAGE_ENV',
        `BrokerGuardStage ${id}: env.account must be a 12-digit account id, got ${JSON.stringify(account)}; a stage deploys one deployment into one account`,
      );
    }
    if (!isConcrete(region) || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new BrokerGuardError(
        'STAGE_ENV',
        `BrokerGuardStage ${id}: env.region must be a region name such as us-east-1, got ${JSON.stringify(region)}`,
      );
    }
    const config: BrokerGuardConfig = parseConfig(props.config ?? {});
    super(scope, id, props);

    const claim: Claim = {
      path: this.node.path,
      account,
      region,
      deployment: config.deployment.name,
      tradingMode: config.deployment.tradingMode,
    };
    const root = this.node.root;
    const earlier = claims.get(root) ?? [];
    for (const other of earlier) {
      if (other.account !== account) continue;
      if (other.tradingMode !== claim.tradingMode) {
        throw new BrokerGuardError(
          'STAGE_SHARED_ACCOUNT',
          `BrokerGuardStage ${id}: ${claim.tradingMode} deployment "${claim.deployment}" targets account ${account}, which stage ${other.path} uses for ${other.tradingMode} deployment "${other.deployment}"; paper and live take separate accounts`,
        );
      }
      if (other.region === region && other.deployment === claim.deployment) {
        throw new BrokerGuardError(
          'STAGE_DUPLICATE',
          `BrokerGuardStage ${id}: deployment "${claim.deployment}" is already deployed to ${account}/${region} by stage ${other.path}; give each deployment in an account and region its own name`,
        );
      }
    }
    claims.set(root, [...earlier, claim]);

    // The app's aspects stop at a Stage (aws-cdk-lib synthesizes each stage on its own), so
    // the policy packs' writer of acknowledgements into template metadata never reaches here:
    // without it, `brokerguard check` on this stage's template would not see the reasons
    // that synth accepted.
    Aspects.of(this).add(new WriteNagSuppressionsToCloudFormationAspect());

    this.stack = new BrokerGuardStack(this, 'BrokerGuard', {
      config,
      stackName: stackName(config.deployment.name),
    });
  }

  /** The deployment's name (config `deployment.name`). */
  public get deploymentName(): string {
    return this.stack.deploymentName;
  }

  /** `paper` or `live`. */
  public get tradingMode(): string {
    return this.stack.tradingMode;
  }
}

function isConcrete(value: string | undefined): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}
