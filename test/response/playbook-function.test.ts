import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { parseConfig } from '../../lib/config/parse';
import { AutomationSwitchParameter } from '../../lib/response/automation-switch-parameter';
import { createPlaybookFunction } from '../../lib/response/playbook-function';
import { SegmentSecret } from '../../lib/segments/segment-secret';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { testStack } from '../helpers/stack';
import { CredentialClass } from '../../lib/contracts';

function statements(stack: Stack): Record<string, any> {
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return Object.fromEntries(
    policies
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .map((s: any) => [s.Sid ?? [s.Action].flat().join(','), s]),
  );
}

describe('createPlaybookFunction', () => {
  function setup() {
    const stack = testStack();
    const segments = segmentsFromConfig(
      stack,
      parseConfig({ alerts: { email: ['t@example.com'] } }),
    );
    const automationSwitch = new AutomationSwitchParameter(stack, 'Switch', {
      deploymentName: 'paper',
    });
    const secret = (name: string) =>
      new SegmentSecret(stack, name, {
        segment: segments.automation,
        name,
        credentialClass: CredentialClass.PASSWORD,
      });
    return { stack, segments, automationSwitch, secret };
  }

  test('grants the rotation function invoke that RotateSecret checks, and flags only with the compromised tag', () => {
    // GIVEN
    const { stack, segments, automationSwitch, secret } = setup();
    const rotationFunction = lambda.Function.fromFunctionArn(
      stack,
      'Rotator',
      'arn:aws:lambda:us-east-1:123456789012:function:rotate',
    );
    // WHEN
    createPlaybookFunction(stack, {
      segments,
      automationSwitch,
      compute: {},
      rotating: [{ secret: secret('session'), rotationFunction }],
      manual: [{ secret: secret('login') }],
    });
    // THEN
    const s = statements(stack);
    expect(s.InvokeRotationOnRotateSecret).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:rotate',
    });
    expect(s.FlagManualCredential.Condition).toEqual({
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['brokerguard:compromised'] },
    });
    expect(s['ssm:PutParameter']).toBeDefined();
    expect(Object.keys(s)).not.toContain('ecs:DescribeServices,ecs:UpdateService');
  });

  test('without credentials it has no Secrets Manager statement at all', () => {
    const { stack, segments, automationSwitch } = setup();
    createPlaybookFunction(stack, {
      segments,
      automationSwitch,
      compute: {},
      rotating: [],
      manual: [],
    });
    const actions = Object.values(statements(stack)).flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(actions).toContain('iam:PutRolePolicy');
  });

  test('puts the revoke policy only on roles that keep a kit boundary, and never changes a boundary', () => {
    // GIVEN
    const { stack, segments, automationSwitch } = setup();
    // WHEN
    createPlaybookFunction(stack, {
      segments,
      automationSwitch,
      compute: {},
      rotating: [],
      manual: [],
    });
    // THEN IAM cannot condition on the put policy's content; it can on the target's boundary
    const s = statements(stack);
    const boundaryRef = (seg: keyof typeof segments) => ({
      Ref: stack.getLogicalId(segments[seg].boundary.node.defaultChild as any),
    });
    expect(s.RevokeSegmentSessions).toMatchObject({
      Action: 'iam:PutRolePolicy',
      Condition: {
        StringEquals: {
          'iam:PermissionsBoundary': ['automation', 'execution', 'approvals', 'admin'].map((x) =>
            boundaryRef(x as keyof typeof segments),
          ),
        },
      },
    });
    expect(s.RevokeSegmentSessions.Resource).toHaveLength(4);
    expect(s.NeverChangeSegmentBoundaries).toMatchObject({
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
    });
    expect(s.NeverChangeSegmentBoundaries.Resource).toEqual(s.RevokeSegmentSessions.Resource);
  });
});
