import { Stack, Validations } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { hookRulesFile } from './hook-rules-file';

/** What CloudFormation does when a rule fails. */
export enum HookFailureMode {
  /** Log the failure and let the stack operation go on: start here. */
  WARN = 'WARN',
  /** Stop the stack operation. */
  FAIL = 'FAIL',
}

export interface BrokerGuardHookProps {
  /**
   * WARN reports failures in the stack events and lets the operation go on; FAIL stops it.
   * Run WARN until every stack in the account passes, then switch to FAIL.
   * @default HookFailureMode.WARN
   */
  readonly failureMode?: HookFailureMode;
  /**
   * The hook's type alias, `Name1::Name2::Name3`, unique per account and region, not starting
   * with `AWS`.
   * @default 'Private::BrokerGuard::Checks'
   */
  readonly alias?: string;
  /**
   * Whether the hook runs.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Stacks the hook leaves alone, by name (for example a stack another team owns).
   * @default - none: every stack of the account and region
   */
  readonly excludeStackNames?: string[];
  /**
   * A bucket for the hook's detailed findings (each failed rule's Violation and Fix text).
   * @default - no log bucket: failures show only in the stack events
   */
  readonly logBucket?: s3.IBucket;
}

const ALIAS = /^(?!AWS)[A-Za-z0-9]{1,64}::[A-Za-z0-9]{1,64}::[A-Za-z0-9]{1,64}$/;

/**
 * The deploy-time twin of BrokerGuardChecks: an AWS CloudFormation Guard hook that runs the
 * pack's generated Guard rules (rules/brokerguard.guard) on the template of every stack created
 * or updated in the account and region, including stacks deployed without the kit. The rules
 * travel as a CDK file asset, so `cdk deploy` (or a pipeline) uploads them to the bootstrap
 * bucket and the hook reads them there. The asset is the rules file the package ships
 * (rules/brokerguard.guard); nothing runs at synth.
 */
export class BrokerGuardHook extends Construct {
  public readonly hook: cloudformation.CfnGuardHook;
  /** The role CloudFormation assumes to read the rules (and write findings). */
  public readonly executionRole: iam.Role;
  /** The rules file as uploaded. */
  public readonly rules: s3assets.Asset;

  constructor(scope: Construct, id: string, props: BrokerGuardHookProps = {}) {
    super(scope, id);
    const alias = props.alias ?? 'Private::BrokerGuard::Checks';
    if (!ALIAS.test(alias)) {
      throw new BrokerGuardError(
        'HOOK_ALIAS',
        `BrokerGuardHook: alias must have the form Name1::Name2::Name3 (letters and digits) and not start with AWS, got "${alias}"`,
      );
    }
    for (const name of props.excludeStackNames ?? []) {
      if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
        throw new BrokerGuardError(
          'HOOK_STACK_NAME',
          `BrokerGuardHook: excludeStackNames entries must be CloudFormation stack names (a letter, then letters, digits, hyphens; at most 128), got "${name}"`,
        );
      }
    }

    this.rules = new s3assets.Asset(this, 'Rules', { path: hookRulesFile() });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('hooks.cloudformation.amazonaws.com'),
      description: 'brokerguard: reads the Guard rules of the BrokerGuard hook',
    });
    this.rules.grantRead(this.executionRole);
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason:
        'Asset.grantRead: object reads of the CDK bootstrap assets bucket, needed to fetch the rules object, whose key is its content hash.',
    });
    for (const action of ['s3:GetBucket*', 's3:List*']) {
      Validations.of(this.executionRole).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
        reason: 'Asset.grantRead: bucket-level reads of the CDK bootstrap assets bucket only.',
      });
    }
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucketFinding(this.rules)}/*]`,
      reason:
        'The rules object lives in the CDK bootstrap assets bucket under a content-hash key that changes with every rule change.',
    });
    if (props.logBucket) {
      props.logBucket.grantPut(this.executionRole);
      props.logBucket.grantRead(this.executionRole);
    }

    this.hook = new cloudformation.CfnGuardHook(this, 'Hook', {
      alias,
      executionRole: this.executionRole.roleArn,
      failureMode: props.failureMode ?? HookFailureMode.WARN,
      hookStatus: props.enabled === false ? 'DISABLED' : 'ENABLED',
      // STACK: the rules see the whole proposed template, so they can join a secret to its
      // rotation schedule; RESOURCE input holds one resource in another shape.
      targetOperations: ['STACK'],
      ruleLocation: { uri: this.rules.s3ObjectUrl },
      logBucket: props.logBucket?.bucketName,
      stackFilters: props.excludeStackNames?.length
        ? { filteringCriteria: 'ALL', stackNames: { exclude: props.excludeStackNames } }
        : undefined,
    });
    this.hook.node.addDependency(this.executionRole);
  }
}

/**
 * The assets bucket's name as AwsSolutions writes it in a finding: the stack's synthesizer
 * decides it (its qualifier, and the account and region, literal when the stack's env names
 * them, `<AWS::AccountId>`/`<AWS::Region>` placeholders otherwise).
 */
function assetBucketFinding(asset: s3assets.Asset): string {
  const resolved: unknown = Stack.of(asset).resolve(asset.s3BucketName);
  const text =
    typeof resolved === 'string'
      ? resolved
      : String((resolved as { 'Fn::Sub'?: unknown })?.['Fn::Sub'] ?? '');
  if (!text) {
    throw new BrokerGuardError(
      'HOOK_ASSET_BUCKET',
      `BrokerGuardHook: the stack's synthesizer gives the rules asset a bucket name this construct cannot read (${JSON.stringify(resolved)}); use a DefaultStackSynthesizer`,
    );
  }
  return text.replace(/\$\{(AWS::[A-Za-z]+)\}/g, '<$1>');
}
