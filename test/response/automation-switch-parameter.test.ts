import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AutomationSwitchParameter } from '../../lib/response/automation-switch-parameter';
import { testStack } from '../helpers/stack';

describe('AutomationSwitchParameter', () => {
  test('is off unless told otherwise, and is tagged to the automation segment', () => {
    const stack = testStack();
    new AutomationSwitchParameter(stack, 'Off', { deploymentName: 'paper' });
    new AutomationSwitchParameter(stack, 'On', { deploymentName: 'live', initiallyEnabled: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/brokerguard/paper/automation/enabled',
      Value: 'false',
      Tags: { 'brokerguard:segment': 'automation' },
    });
    t.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/brokerguard/live/automation/enabled',
      Value: 'true',
    });
  });

  test('grantRead is GetParameter only, grantWrite is PutParameter only, both on this parameter', () => {
    const stack = testStack();
    const sw = new AutomationSwitchParameter(stack, 'Switch', { deploymentName: 'paper' });
    const reader = new iam.Role(stack, 'Reader', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    });
    const writer = new iam.Role(stack, 'Writer', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    sw.grantRead(reader);
    sw.grantWrite(writer);
    const t = Template.fromStack(stack);
    const statement = (prefix: string) =>
      (
        Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) =>
          id.startsWith(prefix),
        )![1] as any
      ).Properties.PolicyDocument.Statement;
    expect(statement('Reader')).toEqual([
      expect.objectContaining({ Action: 'ssm:GetParameter', Effect: 'Allow' }),
    ]);
    expect(statement('Writer')).toEqual([
      expect.objectContaining({ Action: 'ssm:PutParameter', Effect: 'Allow' }),
    ]);
    expect(JSON.stringify(statement('Writer')[0].Resource)).toMatch(
      /:parameter",{"Ref":"SwitchParameter[0-9A-F]+"}/,
    );
  });
});
