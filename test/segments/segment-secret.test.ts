import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Match } from 'aws-cdk-lib/assertions';
import { AccessSegment } from '../../lib/segments/access-segment';
import { SegmentSecret } from '../../lib/segments/segment-secret';
import { SegmentTrust } from '../../lib/segments/segment-trust';
import { resourcesOf, template, testStack } from '../helpers/stack';
import { CredentialClass } from '../../lib/contracts';
import { Segment } from '../../lib/contracts';

function setup() {
  const stack = testStack();
  const automation = new AccessSegment(stack, 'Automation', {
    segment: Segment.AUTOMATION,
    deploymentName: 'paper',
    trust: SegmentTrust.server({ ec2: true }),
  });
  const approvals = new AccessSegment(stack, 'Approvals', {
    segment: Segment.APPROVALS,
    deploymentName: 'paper',
    trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
  });
  return { stack, automation, approvals };
}

describe('SegmentSecret', () => {
  test('encrypted with the segment key, named under the segment, tagged with its class', () => {
    const { stack, automation } = setup();
    new SegmentSecret(automation, 'Token', {
      segment: automation,
      name: 'ibkr-session',
      credentialClass: CredentialClass.SESSION_TOKEN,
    });
    template(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'paper/automation/ibkr-session',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AutomationKey'), 'Arn'] },
      Tags: Match.arrayWith([
        { Key: 'brokerguard:credential-class', Value: 'session-token' },
        { Key: 'brokerguard:segment', Value: 'automation' },
      ]),
    });
  });

  test('the resource policy denies reads outside the segment and blocks public policies', () => {
    const { stack, automation } = setup();
    new SegmentSecret(automation, 'Token', {
      segment: automation,
      name: 'ibkr-session',
      credentialClass: CredentialClass.SESSION_TOKEN,
    });
    const t = template(stack);
    const [, policy] = resourcesOf(t, 'AWS::SecretsManager::ResourcePolicy')[0];
    expect(policy.Properties.BlockPublicPolicy).toBe(true);
    const deny = policy.Properties.ResourcePolicy.Statement.find(
      (s: any) => s.Sid === 'DenyReadOutsideSegment',
    );
    expect(deny.Effect).toBe('Deny');
    expect(deny.Principal).toEqual({ AWS: '*' });
    expect(deny.Action).toBe('secretsmanager:GetSecretValue');
    expect(deny.Condition.ArnNotEquals['aws:PrincipalArn']).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^AutomationRole/), 'Arn'] },
    ]);
  });

  test('a member added after the secret joins its exception list', () => {
    const { stack, automation } = setup();
    new SegmentSecret(automation, 'Token', {
      segment: automation,
      name: 'ibkr-session',
      credentialClass: CredentialClass.SESSION_TOKEN,
    });
    const fn = new lambda.Function(stack, 'Rotator', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    automation.addMember(fn.role!, 'rotates the session token');
    const [, policy] = resourcesOf(template(stack), 'AWS::SecretsManager::ResourcePolicy')[0];
    const deny = policy.Properties.ResourcePolicy.Statement.find(
      (s: any) => s.Sid === 'DenyReadOutsideSegment',
    );
    expect(deny.Condition.ArnNotEquals['aws:PrincipalArn']).toHaveLength(2);
    expect(JSON.stringify(deny.Condition)).toContain('RotatorServiceRole');
  });

  test('second-factor material is refused outside approvals and admin', () => {
    const { automation, approvals } = setup();
    expect(
      () =>
        new SegmentSecret(automation, 'Totp', {
          segment: automation,
          name: 'totp-seed',
          credentialClass: CredentialClass.SECOND_FACTOR,
        }),
    ).toThrow(/second-factor material may only live in approvals or admin, got segment automation/);
    expect(
      () =>
        new SegmentSecret(approvals, 'Totp', {
          segment: approvals,
          name: 'totp-seed',
          credentialClass: CredentialClass.SECOND_FACTOR,
        }),
    ).not.toThrow();
  });

  test('grants across segments are refused; grants to the segment role work', () => {
    const { stack, automation, approvals } = setup();
    const secret = new SegmentSecret(automation, 'Token', {
      segment: automation,
      name: 'ibkr-session',
      credentialClass: CredentialClass.SESSION_TOKEN,
    });
    expect(() => approvals.grantRead(secret)).toThrow(
      /AccessSegment approvals: cannot grant read of secret .* \(segment automation\); nothing crosses segments/,
    );
    expect(() => secret.grantRead(approvals.role)).toThrow(
      /cannot grant read to a principal of segment approvals/,
    );
    const stranger = new iam.Role(stack, 'Stranger', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    expect(() => secret.grantRead(stranger)).toThrow(/cannot grant read to Test\/Stranger/);
    automation.grantRead(secret);
    template(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AutomationRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          }),
        ]),
      },
    });
  });

  test('refuses a bad name', () => {
    const { automation } = setup();
    expect(
      () =>
        new SegmentSecret(automation, 'X', {
          segment: automation,
          name: 'Bad Name',
          credentialClass: CredentialClass.API_KEY,
        }),
    ).toThrow(/name must be .* got "Bad Name"/);
  });
});
