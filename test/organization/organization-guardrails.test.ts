import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BrokerGuardError } from '../../lib/errors';
import {
  OrganizationGuardrails,
  OrganizationGuardrailsProps,
} from '../../lib/organization/organization-guardrails';

const base: OrganizationGuardrailsProps = {
  targetIds: ['ou-ab12-cd34ef56'],
  deploymentNames: ['paper', 'live'],
};

function build(props: Partial<OrganizationGuardrailsProps> = {}) {
  const stack = new Stack(new App(), 'Management', {
    env: { account: '999999999999', region: 'us-east-1' },
  });
  const guardrails = new OrganizationGuardrails(stack, 'Guardrails', { ...base, ...props });
  return {
    guardrails,
    get template() {
      return Template.fromStack(stack);
    },
  };
}

describe('OrganizationGuardrails', () => {
  test('attaches two service control policies to the targets, and no RCP by default', () => {
    // WHEN
    const { template, guardrails } = build();
    // THEN
    template.resourceCountIs('AWS::Organizations::Policy', 2);
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'brokerguard-protect-credentials',
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: ['ou-ab12-cd34ef56'],
      Content: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ProtectSegmentSecretsAndKeys',
            Condition: Match.objectLike({
              ArnNotLike: {
                'aws:PrincipalArn': ['arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'],
              },
            }),
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'brokerguard-protect-detection',
      Type: 'SERVICE_CONTROL_POLICY',
    });
    expect(guardrails.resourceControlPolicy).toBeUndefined();
  });

  test('with resourcePerimeter, adds the RCP naming the organization', () => {
    const { template, guardrails } = build({
      resourcePerimeter: { organizationId: 'o-abcdefghij' },
      name: 'trading',
    });
    expect(guardrails.resourceControlPolicy).toBeDefined();
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'trading-segment-perimeter',
      Type: 'RESOURCE_CONTROL_POLICY',
      Content: Match.objectLike({
        Statement: [
          Match.objectLike({
            Principal: '*',
            Condition: Match.objectLike({
              StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' },
            }),
          }),
        ],
      }),
    });
  });

  test('a deployer pattern of your own replaces the CDK bootstrap default', () => {
    const { template } = build({
      deployerRoleArnPatterns: ['arn:aws:iam::*:role/cdk-myqual-cfn-exec-role-*'],
    });
    const policies = template.findResources('AWS::Organizations::Policy');
    const text = JSON.stringify(policies);
    expect(text).toContain('cdk-myqual-cfn-exec-role-*');
    expect(text).not.toContain('hnb659fds');
  });

  test.each([
    [{ targetIds: [] }, /targetIds: got \[\]; allowed: a non-empty list/],
    [{ targetIds: ['ou-bad'] }, /targetIds: got "ou-bad"; allowed: a root id/],
    [{ targetIds: ['111111111111', '111111111111'] }, /"111111111111" appears twice/],
    [{ deploymentNames: ['Paper'] }, /deploymentNames: got "Paper"; allowed: 2-24 characters/],
    [
      { deployerRoleArnPatterns: ['cdk-role'] },
      /deployerRoleArnPatterns: got "cdk-role"; allowed: an IAM role ARN/,
    ],
    [
      { resourcePerimeter: { organizationId: 'org-1' } },
      /organizationId: got "org-1"; allowed: o- and/,
    ],
    [{ name: 'Brokerguard!' }, /name: got "Brokerguard!"; allowed: lowercase/],
  ])('bad input %p throws BrokerGuardError naming field, value and rule', (props, message) => {
    expect(() => build(props as Partial<OrganizationGuardrailsProps>)).toThrow(BrokerGuardError);
    expect(() => build(props as Partial<OrganizationGuardrailsProps>)).toThrow(message);
  });

  test('too many deployments for one policy: synth-time error with the policy size', () => {
    const deploymentNames = Array.from({ length: 40 }, (_, i) => `deployment-${i}`);
    expect(() => build({ deploymentNames })).toThrow(
      /OrganizationGuardrails: policy brokerguard-protect-detection is \d+ characters minified/,
    );
  });
});
