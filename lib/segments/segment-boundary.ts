import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import {
  alertTopicName,
  automationSwitchParameterName,
  dashboardName,
  gatewayClusterName,
  gatewayServiceName,
  incidentStateMachineName,
  logGroupPrefix,
  ROLE_GUARD_ACTIONS,
  Segment,
  SegmentName,
  secretNamePrefix,
  TAG_DEPLOYMENT,
  TAG_SEGMENT,
} from '../contracts';

/** A human segment: everything but automation, whose boundary is `AutomationBoundary`. */
type HumanSegment = Exclude<Segment, Segment.AUTOMATION>;

export interface SegmentBoundaryProps {
  /** The deployment whose resources the boundary names by prefix. */
  readonly deploymentName: string;
  /** The human segment whose role the boundary caps: execution, approvals or admin. */
  readonly segment: Segment;
}

const arn = (service: string, rest: string, region: string = Aws.REGION) =>
  `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${rest}`;
/** The same ARN as cdk-nag writes it in a finding id. */
const nagArn = (service: string, rest: string, region = '<AWS::Region>') =>
  `arn:<AWS::Partition>:${service}:${region}:<AWS::AccountId>:${rest}`;
const SECRETS_MANAGER_VIA = `secretsmanager.${Aws.REGION}.amazonaws.com`;

/**
 * The statements every segment boundary starts with: read the segment's own secrets, decrypt
 * them with its own key through Secrets Manager only, and never change a role, a boundary or
 * a resource policy (an explicit deny, so no later extension reopens it).
 *
 * Secrets are named by prefix and keys by tag, never by reference: each segment key's policy
 * names the role, so a reference back from the role's boundary would be a dependency cycle.
 */
export function segmentBoundaryBase(
  deploymentName: string,
  segment: SegmentName,
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ReadOwnSegmentSecrets',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [arn('secretsmanager', `secret:${secretNamePrefix(deploymentName, segment)}*`)],
    }),
    new iam.PolicyStatement({
      sid: 'DecryptWithOwnSegmentKeyThroughSecretsManager',
      actions: ['kms:Decrypt'],
      resources: [arn('kms', 'key/*')],
      conditions: {
        StringEquals: {
          [`aws:ResourceTag/${TAG_SEGMENT}`]: segment,
          'kms:ViaService': SECRETS_MANAGER_VIA,
        },
      },
    }),
    new iam.PolicyStatement({
      sid: 'NeverChangeRolesBoundariesOrResourcePolicies',
      effect: iam.Effect.DENY,
      actions: [...ROLE_GUARD_ACTIONS],
      resources: ['*'],
    }),
  ];
}

/** What each human segment may do beyond its own secrets: the kit's own flows, no more. */
function segmentCaps(d: string, segment: HumanSegment): iam.PolicyStatement[] {
  const alarms = arn('cloudwatch', `alarm:${d}-*`);
  switch (segment) {
    case Segment.EXECUTION:
      // The desk's views (lib/stacks/desk-access.ts): read-only.
      return [
        new iam.PolicyStatement({
          sid: 'ReadDeskViews',
          actions: [
            'cloudwatch:GetDashboard',
            'cloudwatch:DescribeAlarms',
            'cloudwatch:DescribeAlarmHistory',
          ],
          resources: [arn('cloudwatch', `dashboard/${dashboardName(d)}`, ''), alarms],
        }),
        new iam.PolicyStatement({
          sid: 'ReadMetrics',
          actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ReadDeploymentLogs',
          actions: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
          resources: [arn('logs', `log-group:${logGroupPrefix(d)}*`)],
        }),
      ];
    case Segment.APPROVALS:
      // The phone: its subscriptions to the out-of-band alert topic, and what fired.
      return [
        new iam.PolicyStatement({
          sid: 'ManageAlertSubscriptions',
          actions: [
            'sns:Subscribe',
            'sns:ConfirmSubscription',
            'sns:Unsubscribe',
            'sns:ListSubscriptionsByTopic',
            'sns:GetTopicAttributes',
          ],
          resources: [
            arn('sns', alertTopicName(d)),
            // Unsubscribe names the subscription: `<topic ARN>:<subscription id>`.
            arn('sns', `${alertTopicName(d)}:*`),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'SeeWhatFired',
          actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
          resources: [alarms],
        }),
      ];
    case Segment.ADMIN: {
      // Break-glass as the kit defines it: put hand-kept credentials of any segment (write,
      // never read), start and follow the incident playbook, pause and resume automation.
      const machine = incidentStateMachineName(d);
      return [
        new iam.PolicyStatement({
          sid: 'PutCredentialsOfAnySegment',
          actions: ['secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [arn('secretsmanager', `secret:${d}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptPutCredentialsThroughSecretsManager',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [arn('kms', 'key/*')],
          conditions: {
            StringEquals: {
              [`aws:ResourceTag/${TAG_DEPLOYMENT}`]: d,
              'kms:ViaService': SECRETS_MANAGER_VIA,
            },
            StringLike: {
              'kms:EncryptionContext:SecretARN': arn('secretsmanager', `secret:${d}/*`),
            },
          },
        }),
        new iam.PolicyStatement({
          sid: 'StartAndFollowIncidentPlaybook',
          actions: ['states:StartExecution', 'states:ListExecutions'],
          resources: [arn('states', `stateMachine:${machine}`)],
        }),
        new iam.PolicyStatement({
          sid: 'ReadIncidentPlaybookRuns',
          actions: ['states:DescribeExecution'],
          resources: [arn('states', `execution:${machine}:*`)],
        }),
        new iam.PolicyStatement({
          sid: 'FindIncidentOutputs',
          actions: ['cloudformation:DescribeStacks'],
          resources: [Aws.STACK_ID],
        }),
        new iam.PolicyStatement({
          sid: 'CheckAlarmsBeforeResume',
          actions: ['cloudwatch:DescribeAlarms'],
          resources: [alarms],
        }),
        new iam.PolicyStatement({
          sid: 'PauseAndResumeAutomation',
          actions: ['ssm:GetParameter', 'ssm:PutParameter'],
          resources: [arn('ssm', `parameter${automationSwitchParameterName(d)}`)],
        }),
        // `brokerguard automation pause|resume` scales the gateway host (GatewayHost.grantOperate).
        new iam.PolicyStatement({
          sid: 'ScaleGatewayHost',
          actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
          resources: [arn('ecs', `service/${gatewayClusterName(d)}/${gatewayServiceName(d)}`)],
        }),
      ];
    }
  }
}

/**
 * The permissions boundary of a human segment's role (execution, approvals, admin): whatever
 * identity policies are later put on the role — the incident playbook may put any inline
 * policy on it — it can do no more than the kit's own flows for that segment, read only its
 * own segment's secrets, and never change IAM, key policies or secret resource policies.
 * docs/segments.md explains what each segment keeps and the admin trade-off.
 */
export class SegmentBoundary extends iam.ManagedPolicy {
  constructor(scope: Construct, id: string, props: SegmentBoundaryProps) {
    if (props.segment === Segment.AUTOMATION) {
      throw new BrokerGuardError(
        'BOUNDARY_SEGMENT',
        `SegmentBoundary segment: got "automation"; allowed: execution, approvals, admin (the automation role has AutomationBoundary)`,
      );
    }
    const segment = props.segment as HumanSegment;
    const d = props.deploymentName;
    super(scope, id, {
      description: `brokerguard ${d}: the most the ${segment} role can ever do`,
      statements: [
        ...segmentBoundaryBase(d, props.segment as SegmentName),
        ...segmentCaps(d, segment),
      ],
    });
    const iam5 = (resource: string, reason: string) =>
      Validations.of(this).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
    acknowledgeBaseWildcards(
      iam5,
      d,
      props.segment as SegmentName,
      segment === Segment.EXECUTION
        ? ' cloudwatch:GetMetricData and ListMetrics have no resource-level permissions; both are read-only.'
        : '',
    );
    iam5(
      nagArn('cloudwatch', `alarm:${d}-*`),
      'A boundary caps, it grants nothing: read-only access to the alarms of this deployment, all named with its prefix.',
    );
    if (segment === Segment.EXECUTION) {
      iam5(
        nagArn('logs', `log-group:${logGroupPrefix(d)}*`),
        'A boundary caps, it grants nothing: read-only access to the deployment log groups, all under this prefix; secrets are never logged.',
      );
    }
    if (segment === Segment.APPROVALS) {
      iam5(
        nagArn('sns', `${alertTopicName(d)}:*`),
        'A boundary caps, it grants nothing: Unsubscribe names a subscription of the alert topic, whose id is generated.',
      );
    }
    if (segment === Segment.ADMIN) {
      iam5(
        nagArn('secretsmanager', `secret:${d}/*`),
        'A boundary caps, it grants nothing: the admin puts (never reads) hand-kept credentials of every segment of this deployment; GetSecretValue stays limited to its own segment.',
      );
      iam5(
        nagArn('states', `execution:${incidentStateMachineName(d)}:*`),
        'A boundary caps, it grants nothing: executions of the incident playbook get generated names.',
      );
    }
  }
}

/** The acknowledgements every boundary's base statements need (see segmentBoundaryBase). */
export function acknowledgeBaseWildcards(
  iam5: (resource: string, reason: string) => void,
  deploymentName: string,
  segment: SegmentName,
  starReason = '',
): void {
  iam5(
    nagArn('secretsmanager', `secret:${secretNamePrefix(deploymentName, segment)}*`),
    `A boundary caps, it grants nothing: this prefix is exactly the ${segment} segment secrets (secret ARNs end in a random suffix), and naming each secret would close a dependency cycle through the segment key policy.`,
  );
  iam5(
    nagArn('kms', 'key/*'),
    `A boundary caps, it grants nothing: scoped by aws:ResourceTag and kms:ViaService = Secrets Manager to the ${segment} segment key (and, for admin, to puts of this deployment's secrets); naming the key would close a dependency cycle (its key policy names this role).`,
  );
  iam5(
    '*',
    `An explicit Deny of role, boundary, key-policy and resource-policy changes on every resource: it takes permissions away, it grants none.${starReason}`,
  );
}
