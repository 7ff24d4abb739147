import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
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
    return { stack, segments, automationSwitch, topic: new sns.Topic(stack, 'Alerts') };
  }

  test('refuses to guard nothing', () => {
    const { stack, segments, automationSwitch, topic } = setup();
    expect(
      () =>
        new LockoutGuard(stack, 'Guard', {
          alarms: [],
          automationSwitch,
          alertTopic: topic,
          adminSegment: segments.admin,
        }),
    ).toThrow(/alarms is empty; give it the lock-out-risk and failed-login-burst alarms/);
  });

  test('without compute, its role can write the switch and publish, nothing else', () => {
    const { stack, segments, automationSwitch, topic } = setup();
    const alarm = {
      alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:paper-automation-lockout-risk',
    } as any;
    new LockoutGuard(stack, 'Guard', {
      alarms: [alarm],
      automationSwitch,
      alertTopic: topic,
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
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sns:Publish',
      'ssm:PutParameter',
    ]);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/admin/lockout-guard',
    });
  });
});
