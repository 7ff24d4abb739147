import { Aws, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { AlertCategory, DEFAULT_RUNBOOK_BASE, formatAlert, SegmentName } from '../contracts';
import { alertTopicName } from '../contracts/names';

export interface AlertSubscriptions {
  /** @default - none */
  readonly email?: string[];
  /** E.164 phone numbers. @default - none */
  readonly sms?: string[];
  /**
   * HTTPS endpoints (chat webhooks). SNS asks each to confirm the subscription, so the
   * endpoint must visit the SubscribeURL it is sent once.
   * @default - none
   */
  readonly https?: string[];
}

/** What one alert says; the channel adds the deployment and the runbook base. */
export interface AlertText {
  /** What happened, in one line. */
  readonly title: string;
  /** The segment concerned, or `deployment`. */
  readonly segment: string;
  /**
   * `identity`, `entitlement`, `device_session`, `credential`, `aws_account` or `incident`.
   */
  readonly category: string;
  /** The first thing the person reading it on a phone should do. */
  readonly firstStep: string;
  /** The runbook anchor, `runbook-...`. */
  readonly runbookAnchor: string;
  /** Facts known only at alert time. @default - none */
  readonly detail?: string;
}

export interface AlertChannelProps {
  /**
   * The segment whose key encrypts the topic. The approvals segment (the phone) is the
   * out-of-band channel: a compromised trading server cannot read or silence it.
   */
  readonly segment: AccessSegment;
  readonly subscriptions: AlertSubscriptions;
  /**
   * Where the runbooks live: the alert text links `<runbookBase>#runbook-...`. Point it at
   * a URL your phone can open, e.g. the docs/runbooks.md of your fork.
   * @default 'docs/runbooks.md'
   */
  readonly runbookBase?: string;
}

/**
 * The out-of-band alert channel: one KMS-encrypted SNS topic that refuses plain HTTP, with
 * e-mail, SMS and HTTPS subscriptions. Alarms named `<deployment>-*` and EventBridge rules
 * named `brokerguard-<deployment>-*` of this account may publish; nothing else can.
 */
export class AlertChannel extends Construct {
  public readonly topic: sns.Topic;
  /** The action every BrokerGuard alarm takes. */
  public readonly alarmAction: cloudwatch.IAlarmAction;
  public readonly deploymentName: string;
  public readonly runbookBase: string;
  /** The segment whose key encrypts the topic. */
  public readonly segment: AccessSegment;
  /** The topic's ARN built from its name: usable in the key policy without a cycle. */
  private readonly knownTopicArn: string;

  constructor(scope: Construct, id: string, props: AlertChannelProps) {
    super(scope, id);
    const subscriptions = props.subscriptions;
    const count =
      (subscriptions.email?.length ?? 0) +
      (subscriptions.sms?.length ?? 0) +
      (subscriptions.https?.length ?? 0);
    if (count === 0) {
      throw new BrokerGuardError(
        'ALERTS_NO_SUBSCRIBER',
        'AlertChannel: subscriptions must name at least one e-mail, sms or https subscriber, got none: alerts that reach nobody are lost',
      );
    }
    for (const url of subscriptions.https ?? []) {
      if (!/^https:\/\/[^\s]+$/.test(url)) {
        throw new BrokerGuardError(
          'ALERTS_HTTPS',
          `AlertChannel: https subscriber must be an https:// URL, got "${url}"`,
        );
      }
    }
    this.segment = props.segment;
    this.deploymentName = props.segment.deploymentName;
    this.runbookBase = props.runbookBase ?? DEFAULT_RUNBOOK_BASE;
    const stack = Stack.of(this);
    const topicName = alertTopicName(this.deploymentName);
    // Named, so the key policy can name the topic without a reference cycle (topic → key → topic).
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    this.knownTopicArn = topicArn;

    this.topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: `BrokerGuard ${this.deploymentName}`,
      masterKey: props.segment.key,
      enforceSSL: true,
    });

    const alarmArns = `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${this.deploymentName}-*`;
    const ruleArns = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/brokerguard-${this.deploymentName}-*`;

    // CloudWatch publishes as its service principal, so SNS asks KMS for a data key on its
    // behalf. The grant is held to alarms of this deployment in this account (confused-deputy
    // guard) and to this topic's encryption context, so it opens nothing else the key protects.
    props.segment.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToAlertTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'kms:EncryptionContext:aws:sns:topicArn': topicArn,
          },
          ArnLike: { 'aws:SourceArn': alarmArns },
        },
      }),
    );
    // EventBridge's KMS requests carry no aws:SourceArn / aws:SourceAccount (conditions on
    // them would drop every detection silently); the topic's encryption context is the
    // condition that holds. Which rules may publish is restricted by the topic policy below.
    props.segment.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgePublishesToAlertTopic',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      }),
    );
    // A topic policy replaces SNS's default one, so each publisher is named here.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsOfThisDeployment',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': alarmArns },
        },
      }),
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DetectionRulesOfThisDeployment',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': ruleArns },
        },
      }),
    );

    for (const address of subscriptions.email ?? [])
      this.topic.addSubscription(new subs.EmailSubscription(address));
    for (const number of subscriptions.sms ?? [])
      this.topic.addSubscription(new subs.SmsSubscription(number));
    for (const url of subscriptions.https ?? []) {
      this.topic.addSubscription(
        new subs.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }),
      );
    }
    this.alarmAction = new cwActions.SnsAction(this.topic);
  }

  /** The one alert text, with this deployment and runbook base filled in. */
  public format(message: AlertText): string {
    return formatAlert({
      ...message,
      category: message.category as AlertCategory,
      segment: message.segment as SegmentName | 'deployment',
      deployment: this.deploymentName,
      runbookBase: this.runbookBase,
    });
  }

  /**
   * An EventBridge target that publishes `input` to the topic. Use it only on rules named
   * `brokerguard-<deployment>-*`: the topic policy admits no other rule.
   */
  public ruleTarget(input: events.RuleTargetInput): events.IRuleTarget {
    const topic = this.topic;
    return { bind: () => ({ arn: topic.topicArn, input }) };
  }

  /**
   * Lets `grantee` publish (a playbook's role): sns:Publish on the topic, and use of the
   * approvals key only through SNS and only for this topic.
   */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    // Not topic.grantPublish: it also puts an unconditioned kms:Decrypt on the key into the
    // grantee's policy, which with the key policy's through-Secrets-Manager statement would let
    // the publisher decrypt every secret of the approvals segment.
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['sns:Publish'],
      resourceArns: [this.topic.topicArn],
    });
    const topicArn = this.knownTopicArn;
    const snsOnly = {
      StringEquals: {
        'kms:ViaService': `sns.${Aws.REGION}.amazonaws.com`,
        'kms:EncryptionContext:aws:sns:topicArn': topicArn,
      },
    };
    const keyGrant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resourceArns: [this.segment.key.keyArn],
      conditions: snsOnly,
    });
    this.segment.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [grantee.grantPrincipal],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: snsOnly,
      }),
    );
    return grant.combine(keyGrant);
  }
}
