import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { CredentialClass, detection, resourceName, ROTATION_MAXIMUM_HOURS } from '../contracts';
import { BrokerGuardError } from '../errors';
import { configRuleCatalog, DEPLOYMENT_SCOPE } from '../policy/guard/config-catalog';

export interface BrokerGuardConfigRulesProps {
  /** Where NON_COMPLIANT results are sent. */
  readonly alerts: AlertChannel;
  /**
   * Credential classes whose rotation the managed rules check, each against its own maximum
   * (session-token 24 h, api-key 90 days). Only classes with a rotation maximum are allowed.
   * A hand-kept api-key (the IBKR OAuth issuer secret) has no rotation, so the api-key rules
   * report it NON_COMPLIANT: leave `CredentialClass.API_KEY` out if you keep such a key.
   * @default - every class with a rotation maximum (session-token, api-key)
   */
  readonly credentialClasses?: CredentialClass[];
  /**
   * Create an AWS Config configuration recorder and delivery channel, recording only the
   * resource types these rules judge. AWS Config rules evaluate nothing without a recorder, and
   * an account or region has at most one: leave this off where Control Tower, Security Hub or
   * an organization setup already records.
   * @default false
   */
  readonly createRecorder?: boolean;
}

/** Resource types the rules judge: what an opt-in recorder records. */
const RECORDED_TYPES = [
  'AWS::SecretsManager::Secret',
  'AWS::KMS::Key',
  'AWS::EC2::SecurityGroup',
  'AWS::IAM::User',
];

/**
 * The run-time twin of BrokerGuardChecks: AWS Config rules (managed where AWS has one, Guard
 * custom policies generated from the pack's twins otherwise) and one EventBridge rule that
 * sends every NON_COMPLIANT result to the alert channel. Opt-in: Config bills each recorded
 * configuration item and each rule evaluation (docs/runtime-checks.md).
 */
export class BrokerGuardConfigRules extends Construct {
  /** The Config rules, by catalog key (`session-token-rotation`, `guard-bg-net-1`, ...). */
  public readonly rules: { [key: string]: config.IRule } = {};
  /** The EventBridge rule that forwards NON_COMPLIANT results to the alert channel. */
  public readonly complianceRule: events.Rule;
  /** The recorder, when `createRecorder` is on. */
  public readonly recorder?: config.CfnConfigurationRecorder;

  constructor(scope: Construct, id: string, props: BrokerGuardConfigRulesProps) {
    super(scope, id);
    const deployment = props.alerts.deploymentName;
    const classes = (props.credentialClasses ?? Object.keys(ROTATION_MAXIMUM_HOURS)).map(String);
    for (const cls of classes) {
      if (!ROTATION_MAXIMUM_HOURS[cls]) {
        throw new BrokerGuardError(
          'CONFIG_RULES_CLASS',
          `BrokerGuardConfigRules: credentialClasses may only name classes with a rotation maximum (${Object.keys(ROTATION_MAXIMUM_HOURS).join(', ')}), got "${cls}"`,
        );
      }
    }
    if (props.createRecorder) this.recorder = this.makeRecorder();
    const names: string[] = [];

    for (const spec of configRuleCatalog(classes)) {
      const configRuleName = resourceName(deployment, spec.key);
      names.push(configRuleName);
      const tag = spec.scopeTag;
      const ruleScope = tag
        ? config.RuleScope.fromTag(tag.key, tag.value === DEPLOYMENT_SCOPE ? deployment : tag.value)
        : spec.resourceTypes.length
          ? config.RuleScope.fromResources(spec.resourceTypes.map((t) => config.ResourceType.of(t)))
          : undefined;
      const description = `brokerguard: ${spec.checks}${spec.twinOf ? ` (twin of ${spec.twinOf})` : ''}`;
      const rule: config.IRule = spec.policyText
        ? new config.CustomPolicy(this, spec.key, {
            configRuleName,
            description,
            policyText: spec.policyText,
            ruleScope,
          })
        : new config.ManagedRule(this, spec.key, {
            configRuleName,
            description,
            identifier: spec.identifier,
            inputParameters: spec.parameters,
            ruleScope,
          });
      if (this.recorder) rule.node.addDependency(this.recorder);
      this.rules[spec.key] = rule;
    }

    const text = detection('config-noncompliant').text('deployment');
    const field = (path: string) => events.EventField.fromPath(path);
    this.complianceRule = new events.Rule(this, 'NonCompliant', {
      ruleName: resourceName(deployment, 'config-noncompliant'),
      description: `brokerguard: ${text.title}`,
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: {
          // The names, not the rules' Refs: known at synth, and the pattern needs no dependency.
          configRuleName: names,
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
      targets: [
        props.alerts.ruleTarget(
          events.RuleTargetInput.fromMultilineText(
            props.alerts.format({
              ...text,
              segment: 'deployment',
              detail: `rule ${field('$.detail.configRuleName')}: ${field('$.detail.resourceType')} ${field('$.detail.resourceId')}`,
            }),
          ),
        ),
      ],
    });
  }

  private makeRecorder(): config.CfnConfigurationRecorder {
    const bucket = new s3.Bucket(this, 'ConfigBucket', {
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'Holds only AWS Config snapshots and history written by the Config service; CloudTrail records who reads them, and a log bucket for a log bucket never ends.',
    });
    const principal = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [principal],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('AWSLogs/*')],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    const role = new iam.Role(this, 'RecorderRole', {
      assumedBy: principal,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason:
        'AWS_ConfigRole is the read-only describe policy AWS keeps current as Config adds resource types; a hand-written copy would fall behind.',
    });
    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: false, resourceTypes: RECORDED_TYPES },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: bucket.bucketName,
    });
    channel.node.addDependency(recorder);
    return recorder;
  }
}
