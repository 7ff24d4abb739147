import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-4';

describe('BG-IAM-4 AutomationNoWildcardActions', () => {
  test('Compliance: exact actions only', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: a service wildcard in an attached policy', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: ['s3:Get*'],
      Resource: '*',
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::s3:Get*] AutomationRole`]);
  });

  test('Noncompliance: NotAction in an inline policy', () => {
    const w = world();
    w.AutomationRole.Properties.Policies = [
      {
        PolicyName: 'p',
        PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
      },
    ];
    expect(judge(w, RULE)).toEqual([`${RULE}[NotAction] AutomationRole`]);
  });

  test('Noncompliance: an AWS managed administrator policy', () => {
    const w = world();
    w.AutomationRole.Properties.ManagedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::*] AutomationRole`]);
  });
});
