import { Template } from 'aws-cdk-lib/assertions';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { AutomationSwitchParameter } from '../../lib/response/automation-switch-parameter';
import { LockoutGuard } from '../../lib/response/lockout-guard';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { testStack } from '../helpers/stack';

describe('LockoutGuard', () => {
  function setup() {
    const stack = testStack();
    const segments = segmentsFromConfig(
      stack,
      parseConfig({ alerts: { email: ['t@example.com'] } }),
    );
    const automationSwitch = new AutomationSwitchParameter(stack, 'Switch', {
      deploymentName: 'paper',
    });
    const alerts = new AlertChannel(stack, 'Alerts', {
      segment: segments.approvals,
      subscriptions: { email: ['t@example.com'] },
    });
    return { stack, segments, automationSwitch, alerts };
  }

  test('refuses to guard nothing', () => {
    const { stack, segments, automationSwitch, alerts } = setup();
    expect(
      () =>
        new LockoutGuard(stack, 'Guard', {
          alarms: [],
          automationSwitch,
          alerts,
          adminSegment: segments.admin,
        }),
    ).toThrow(/alarms is empty; give it the lock-out-risk and failed-login-burst alarms/);
  });

  test('without compute, its role can write the switch and publish (with the alert key), nothing else', () => {
    const { stack, segments, automationSwitch, alerts } = setup();
    const alarm = {
      alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:paper-automation-lockout-risk',
    } as any;
    new LockoutGuard(stack, 'Guard', {
      alarms: [alarm],
      automationSwitch,
      alerts,
      adminSegment: segments.admin,
    });
    const t = Template.fromStack(stack);
    const policies = Object.entries(t.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('GuardRole'),
    );
    const actions = policies.flatMap(([, p]: any) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
    );
    expect(actions.sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey*',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sns:Publish',
      'ssm:PutParameter',
    ]);
    // the alert key only through SNS and for the alert topic: never a plain decrypt
    const kms = policies
      .flatMap(([, p]: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kms).toHaveLength(1);
    expect(Object.keys(kms[0].Condition.StringEquals).sort()).toEqual([
      'kms:EncryptionContext:aws:sns:topicArn',
      'kms:ViaService',
    ]);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/admin/lockout-guard',
    });
  });
});
