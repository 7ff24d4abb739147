import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-1';

function trust(w: ReturnType<typeof world>) {
  return w.ApprovalsRole.Properties.AssumeRolePolicyDocument.Statement[0];
}

describe('BG-IAM-1 HumanRoleRequiresMfa', () => {
  test('Compliance: MFA present and younger than an hour', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: no MFA condition at all', () => {
    const w = world();
    delete trust(w).Condition;
    expect(judge(w, RULE)).toEqual([
      `${RULE}[MfaAgeUnbounded] ApprovalsRole`,
      `${RULE}[MfaNotRequired] ApprovalsRole`,
    ]);
  });

  test('Noncompliance: BoolIfExists lets long-term keys through', () => {
    const w = world();
    trust(w).Condition = {
      BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    };
    expect(judge(w, RULE)).toEqual([`${RULE}[MfaNotRequired] ApprovalsRole`]);
  });

  test('Noncompliance: MFA age above 12 hours', () => {
    const w = world();
    trust(w).Condition.NumericLessThan = { 'aws:MultiFactorAuthAge': '86400' };
    expect(judge(w, RULE)).toEqual([`${RULE}[MfaAgeUnbounded] ApprovalsRole`]);
  });

  test('Noncompliance: a second trust statement without MFA', () => {
    const w = world();
    w.ApprovalsRole.Properties.AssumeRolePolicyDocument.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/ops' },
      Action: 'sts:AssumeRole',
    });
    expect(judge(w, RULE)).toEqual([
      `${RULE}[MfaAgeUnbounded] ApprovalsRole`,
      `${RULE}[MfaNotRequired] ApprovalsRole`,
    ]);
  });

  test('Compliance: a human-segment function role trusted by a service needs no MFA', () => {
    const w = world();
    w.ApprovalsRole.Properties.AssumeRolePolicyDocument.Statement = [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ];
    expect(judge(w, RULE)).toEqual([]);
  });
});
