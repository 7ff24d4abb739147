import * as iam from 'aws-cdk-lib/aws-iam';
import { grantDeskViews } from '../../lib/stacks/desk-access';
import { resourcesOf, template, testStack } from '../helpers/stack';

describe('grantDeskViews', () => {
  test('the desk reads the dashboard, alarms, metrics and logs of its deployment, nothing else', () => {
    // GIVEN
    const stack = testStack();
    const role = new iam.Role(stack, 'Desk', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    grantDeskViews(role, 'paper');
    // THEN
    const [, policy] = resourcesOf(template(stack), 'AWS::IAM::Policy')[0];
    const statements = policy.Properties.PolicyDocument.Statement;
    const actions = statements.flatMap((s: any) => [].concat(s.Action));
    expect(actions.sort()).toEqual(
      [
        'cloudwatch:DescribeAlarmHistory',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:GetDashboard',
        'cloudwatch:GetMetricData',
        'cloudwatch:ListMetrics',
        'logs:DescribeLogStreams',
        'logs:FilterLogEvents',
        'logs:GetLogEvents',
      ].sort(),
    );
    const byId = Object.fromEntries(
      statements.map((s: any) => [s.Sid, JSON.stringify(s.Resource)]),
    );
    expect(byId.ReadDeploymentDashboard).toContain(':dashboard/brokerguard-paper');
    expect(byId.ReadDeploymentAlarms).toContain(':alarm:paper-*');
    expect(byId.ReadDeploymentLogs).toContain(':log-group:/brokerguard/paper/*');
  });
});
