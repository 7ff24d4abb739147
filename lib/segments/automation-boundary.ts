import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { automationSwitchParameterName, LOGIN_NAMESPACE } from '../contracts';
import { acknowledgeBaseWildcards, segmentBoundaryBase } from './segment-boundary';

export interface AutomationBoundaryProps {
  readonly deploymentName: string;
  /** Statements that widen the boundary: exact actions on exact resources only. */
  readonly extensions?: iam.PolicyStatement[];
}

/**
 * The permissions boundary of the trading server's role: whatever identity policies are later
 * attached, the role can do no more than read its own segment's secrets, decrypt them with its
 * own segment's key through Secrets Manager, read the automation switch, and write its own logs
 * and login metrics. Like every segment boundary it denies role, boundary, key-policy and
 * secret-resource-policy changes outright, so no extension can reopen them.
 *
 * It names secrets by their name prefix and keys by their segment tag, never by reference: the
 * segment key's policy names the role, so a reference back would be a dependency cycle.
 */
export class AutomationBoundary extends iam.ManagedPolicy {
  constructor(scope: Construct, id: string, props: AutomationBoundaryProps) {
    const partition = Aws.PARTITION;
    const region = Aws.REGION;
    const account = Aws.ACCOUNT_ID;
    const d = props.deploymentName;
    super(scope, id, {
      description: `brokerguard ${d}: the most the automation (trading server) role can ever do`,
      statements: [
        ...segmentBoundaryBase(d, 'automation'),
        new iam.PolicyStatement({
          sid: 'ReadAutomationSwitch',
          actions: ['ssm:GetParameter'],
          resources: [
            `arn:${partition}:ssm:${region}:${account}:parameter${automationSwitchParameterName(d)}`,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [
            `arn:${partition}:logs:${region}:${account}:log-group:/brokerguard/${d}/automation/*`,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'WriteLoginMetrics',
          actions: ['cloudwatch:PutMetricData'],
          // PutMetricData has no resource-level permissions; the namespace condition scopes it.
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': LOGIN_NAMESPACE } },
        }),
        ...(props.extensions ?? []),
      ],
    });
    const iam5 = (resource: string, reason: string) =>
      Validations.of(this).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
    const arn = (service: string) =>
      `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>`;
    acknowledgeBaseWildcards(
      iam5,
      d,
      'automation',
      ' cloudwatch:PutMetricData has no resource-level permissions; the cloudwatch:namespace condition limits it to BrokerGuard/Login.',
    );
    iam5(
      `${arn('logs')}:log-group:/brokerguard/${d}/automation/*`,
      'Log streams are created at run time inside the automation segment own log groups; the prefix is those groups only.',
    );
  }
}
