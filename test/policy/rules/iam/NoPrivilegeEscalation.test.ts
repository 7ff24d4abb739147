import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-5';

const statement = (Action: unknown, Resource: unknown = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('BG-IAM-5 NoPrivilegeEscalation', () => {
  test('Compliance: no IAM actions, AssumeRole and PassRole only on named roles', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push(
      statement('sts:AssumeRole', 'arn:aws:iam::123456789012:role/reader'),
      statement(['iam:PassRole', 'iam:PutRolePolicy'], 'arn:aws:iam::123456789012:role/worker'),
    );
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: iam:* on a function role of the segment, even on one resource', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push(
      statement('iam:*', 'arn:aws:iam::123456789012:role/worker'),
    );
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::iam:*] RotationRole`]);
  });

  test('Noncompliance: sts:AssumeRole on every resource', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push(statement('sts:AssumeRole'));
    expect(judge(w, RULE)).toEqual([`${RULE}[AssumeRoleOnAnyResource] AutomationRole`]);
  });

  test('Noncompliance: full admin (* on *) added to a human role, not only automation', () => {
    const w = world();
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push(statement('*'));
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Action::iam:*] ApprovalsRole`,
      `${RULE}[AssumeRoleOnAnyResource] ApprovalsRole`,
    ]);
  });

  test('Noncompliance: an escalation action on every role, in an untagged role of another tool', () => {
    const w = world();
    w.DeployRole = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'codebuild.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
      },
    };
    w.DeployPolicy = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'deploy',
        Roles: [{ Ref: 'DeployRole' }],
        PolicyDocument: {
          Statement: [
            statement(['iam:PassRole', 'iam:CreatePolicyVersion'], {
              'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*',
            }),
          ],
        },
      },
    };
    // Reported on the role the policy attaches to: that is where break-glass is acknowledged.
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Action::iam:CreatePolicyVersion] DeployRole`,
      `${RULE}[Action::iam:PassRole] DeployRole`,
    ]);
  });

  test('Noncompliance: a managed policy attached to no role of the template is judged itself', () => {
    const w = world();
    w.Orphan = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Roles: ['some-role-elsewhere'],
        PolicyDocument: { Statement: [statement('iam:AttachRolePolicy')] },
      },
    };
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::iam:AttachRolePolicy] Orphan`]);
  });

  test('Compliance: a permissions boundary allowing broad actions grants nothing and is not judged', () => {
    const w = world();
    w.AutomationBoundary.Properties.PolicyDocument.Statement.push(statement('iam:PassRole'));
    expect(judge(w, RULE)).toEqual([]);
  });
});
