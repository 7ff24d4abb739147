import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-5';

describe('BG-IAM-5 AutomationNoPrivilegeEscalation', () => {
  test('Compliance: no IAM actions, AssumeRole only on named roles', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: 'arn:aws:iam::123456789012:role/reader',
    });
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: iam:* on a function role of the segment', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'iam:*',
      Resource: '*',
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::iam:*] RotationRole`]);
  });

  test('Noncompliance: sts:AssumeRole on every resource', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: '*',
    });
    expect(judge(w, RULE)).toEqual([`${RULE}[AssumeRoleOnAnyResource] AutomationRole`]);
  });
});
