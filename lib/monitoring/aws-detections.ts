import { Lazy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import {
  AlarmText,
  detection,
  resourceName,
  SEGMENT_NAMES,
  secretNamePrefix,
  SegmentName,
} from '../contracts';
import { AccessSegment } from '../segments/access-segment';

/**
 * The rule state that also matches read-only management events (GetSecretValue is one).
 * The CDK L2 has no switch for it.
 */
export const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

const API_CALL = 'AWS API Call via CloudTrail';
const SERVICE_EVENT = 'AWS Service Event via CloudTrail';
const CONSOLE_SIGN_IN = 'AWS Console Sign In via CloudTrail';

/** IAM calls that change what a role may do or who may assume it. */
export const ROLE_CHANGE_EVENTS = [
  'PutRolePolicy',
  'DeleteRolePolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'UpdateAssumeRolePolicy',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'UpdateRole',
  'DeleteRole',
  'TagRole',
  'UntagRole',
];

export interface AwsDetectionsProps {
  readonly alerts: AlertChannel;
  /**
   * Segments whose roles and keys the IAM and KMS detections watch, besides every segment of
   * the same deployment found in the stack at synth.
   */
  readonly segments: AccessSegment[];
  /**
   * Segments whose secrets get a foreign-read rule (those that hold credentials).
   * @default - none
   */
  readonly foreignReadSegments?: AccessSegment[];
}

/**
 * EventBridge rules on CloudTrail management events: seconds from the call to the phone, no
 * log ingestion. CloudTrail delivers `AWS API Call via CloudTrail` events only while a trail
 * logs management events; IAM and console sign-in events arrive in us-east-1 only.
 */
export class AwsDetections extends Construct {
  public readonly rules: events.Rule[] = [];
  /** The foreign-read rule of each segment in `foreignReadSegments`, by segment name. */
  public readonly foreignReadRules: { [segment: string]: events.Rule } = {};
  private readonly alerts: AlertChannel;

  constructor(scope: Construct, id: string, props: AwsDetectionsProps) {
    super(scope, id);
    this.alerts = props.alerts;
    const deployment = props.alerts.deploymentName;
    const secretsOf = (prefix: string) => [
      { prefix },
      { wildcard: `arn:*:secretsmanager:*:*:secret:${prefix}*` },
    ];

    for (const segment of props.foreignReadSegments ?? []) {
      const name = segment.segmentName;
      // Lazy: functions may join the segment after this rule is built (incident playbooks).
      const members = Lazy.list({ produce: () => segment.principalArns() });
      const rule = this.rule(
        `ForeignRead-${name}`,
        `foreign-read-${name}`,
        {
          source: ['aws.secretsmanager'],
          detailType: [API_CALL],
          detail: {
            eventSource: ['secretsmanager.amazonaws.com'],
            // BatchGetSecretValue also logs one GetSecretValue per secret it returns.
            eventName: ['GetSecretValue'],
            requestParameters: { secretId: secretsOf(secretNamePrefix(deployment, name)) },
            // Any caller that is not a role of the segment, and any caller that is no role at
            // all (an IAM user, root). A refused read still matches: an attempt is the news.
            $or: [
              {
                userIdentity: {
                  sessionContext: { sessionIssuer: { arn: [{ 'anything-but': members }] } },
                },
              },
              { userIdentity: { type: [{ 'anything-but': ['AssumedRole', 'AWSService'] }] } },
            ],
          },
        },
        detection('foreign-read').text(name),
        name,
      );
      (rule.node.defaultChild as events.CfnRule).state = ALL_MANAGEMENT_EVENTS;
      this.foreignReadRules[name] = rule;
    }

    this.rule(
      'RotationFailed',
      'rotation-failed',
      {
        source: ['aws.secretsmanager'],
        detailType: [SERVICE_EVENT],
        detail: { eventName: ['RotationFailed', 'RotationAbandoned'] },
      },
      detection('rotation-failed').text('deployment'),
      'deployment',
      ['of', '$.detail.additionalEventData.SecretId'],
    );

    this.rule(
      'RotationChanged',
      'rotation-changed',
      {
        source: ['aws.secretsmanager'],
        detailType: [API_CALL],
        detail: {
          eventName: ['CancelRotateSecret', 'RotateSecret'],
          requestParameters: { secretId: secretsOf(`${deployment}/`) },
        },
      },
      detection('rotation-changed').text('deployment'),
    );

    this.rule(
      'SecretPolicyChanged',
      'secret-policy-changed',
      {
        source: ['aws.secretsmanager'],
        detailType: [API_CALL],
        detail: {
          eventName: ['PutResourcePolicy', 'DeleteResourcePolicy'],
          requestParameters: { secretId: secretsOf(`${deployment}/`) },
        },
      },
      detection('secret-policy-changed').text('deployment'),
    );

    // Every segment of the deployment in this stack, found at synth: roles and keys made after
    // this construct (or outside LoginMonitoring's watch list) are still watched.
    const all = () => this.deploymentSegments(props.segments);
    const roleNames = Lazy.list({ produce: () => all().map((s) => s.role.roleName) });
    this.rule(
      'RolePolicyChanged',
      'role-policy-changed',
      {
        source: ['aws.iam'],
        detailType: [API_CALL],
        detail: { eventName: ROLE_CHANGE_EVENTS, requestParameters: { roleName: roleNames } },
      },
      detection('role-policy-changed').text('deployment'),
      'deployment',
      ['of', '$.detail.requestParameters.roleName'],
    );

    const keyArns = Lazy.list({ produce: () => all().map((s) => s.key.keyArn) });
    const keyIds = Lazy.list({
      produce: () => all().flatMap((s) => [s.key.keyId, s.key.keyArn]),
    });
    this.rule(
      'KeyDisabled',
      'key-disabled',
      {
        source: ['aws.kms'],
        detailType: [API_CALL],
        detail: {
          eventName: ['DisableKey', 'ScheduleKeyDeletion'],
          // The caller may name the key by id or ARN; CloudTrail lists its ARN in resources.
          $or: [
            { resources: { ARN: keyArns } },
            {
              requestParameters: {
                keyId: keyIds,
              },
            },
          ],
        },
      },
      detection('key-disabled').text('deployment'),
      'deployment',
      ['of', '$.detail.requestParameters.keyId'],
    );

    this.rule(
      'ConsoleSignInFailed',
      'console-signin-failed',
      {
        source: ['aws.signin'],
        detailType: [CONSOLE_SIGN_IN],
        detail: { eventName: ['ConsoleLogin'], responseElements: { ConsoleLogin: ['Failure'] } },
      },
      detection('console-signin-failed').text('deployment'),
      'deployment',
      ['from', '$.detail.sourceIPAddress'],
    );

    this.rule(
      'ConsoleSignInWithoutMfa',
      'console-signin-no-mfa',
      {
        source: ['aws.signin'],
        detailType: [CONSOLE_SIGN_IN],
        detail: {
          eventName: ['ConsoleLogin'],
          responseElements: { ConsoleLogin: ['Success'] },
          additionalEventData: { MFAUsed: [{ 'anything-but': 'Yes' }] },
          // Federated users present MFA to their identity provider; only these sign in here.
          userIdentity: { type: ['IAMUser', 'Root'] },
        },
      },
      detection('console-signin-no-mfa').text('deployment'),
      'deployment',
      ['from', '$.detail.sourceIPAddress'],
    );

    this.rule(
      'RootActivity',
      'root-activity',
      {
        detailType: [API_CALL, CONSOLE_SIGN_IN],
        detail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] } },
      },
      detection('root-activity').text('deployment'),
      'deployment',
      ['from', '$.detail.sourceIPAddress'],
    );
  }

  private rule(
    id: string,
    key: string,
    pattern: events.EventPattern,
    text: AlarmText,
    segment: SegmentName | 'deployment' = 'deployment',
    what: [label: string, path: string] = ['of', '$.detail.requestParameters.secretId'],
  ): events.Rule {
    const ruleName = resourceName(this.alerts.deploymentName, key);
    const field = (path: string) => events.EventField.fromPath(path);
    // Input paths that a given event lacks render empty, so one template fits every rule.
    const detail = [
      field('$.detail.eventName'),
      `${what[0]} ${field(what[1])}`,
      `by ${field('$.detail.userIdentity.arn')}`,
      `at ${field('$.time')}`,
    ].join(' ');
    // One JSON string per line: SNS shows each line in quotes, but on its own line, where
    // fromText would show one quoted line with literal \n escapes.
    const rule = new events.Rule(this, id, {
      ruleName,
      description: `brokerguard: ${text.title}`,
      eventPattern: pattern,
      targets: [
        this.alerts.ruleTarget(
          events.RuleTargetInput.fromMultilineText(
            this.alerts.format({ ...text, segment, detail }),
          ),
        ),
      ],
    });
    this.rules.push(rule);
    return rule;
  }

  /** The given segments and every other segment of this deployment in the stack. */
  private deploymentSegments(given: AccessSegment[]): AccessSegment[] {
    const found = Stack.of(this)
      .node.findAll()
      .filter(
        (c): c is AccessSegment =>
          c instanceof AccessSegment && c.deploymentName === this.alerts.deploymentName,
      );
    const order = (x: AccessSegment) => SEGMENT_NAMES.indexOf(x.segmentName);
    return [...new Set([...given, ...found])].sort((x, y) => order(x) - order(y));
  }
}
