import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { dashboardName } from '../contracts';

/**
 * What the person at the desk (the execution segment) may see: the deployment's dashboard,
 * alarms, metrics and logs. Read-only: the automation switch and the playbooks stay with the
 * admin segment, and no secret or key is touched.
 */
export function grantDeskViews(role: iam.Role, deploymentName: string): void {
  const d = deploymentName;
  const arn = (service: string, rest: string, region: string = Aws.REGION) =>
    `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${rest}`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadDeploymentDashboard',
      actions: ['cloudwatch:GetDashboard'],
      resources: [arn('cloudwatch', `dashboard/${dashboardName(d)}`, '')],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadDeploymentAlarms',
      actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
      resources: [arn('cloudwatch', `alarm:${d}-*`)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadMetrics',
      actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
      resources: ['*'],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadDeploymentLogs',
      actions: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
      resources: [arn('logs', `log-group:/brokerguard/${d}/*`)],
    }),
  );
  const iam5 = (resource: string, reason: string) =>
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
      reason,
    });
  const tokenArn = (service: string, rest: string) =>
    `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${rest}`;
  iam5(
    tokenArn('cloudwatch', `alarm:${d}-*`),
    'Read-only: the desk sees every alarm of this deployment, which are all named with the deployment prefix.',
  );
  iam5(
    '*',
    'cloudwatch:GetMetricData and ListMetrics have no resource-level permissions; both are read-only.',
  );
  iam5(
    tokenArn('logs', `log-group:/brokerguard/${d}/*`),
    'Read-only: the desk reads every log group of this deployment (all under this prefix); secrets are never logged.',
  );
}
