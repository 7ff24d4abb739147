import { judge } from '../../judge';
import { arn, world } from '../../world';

const RULE = 'BG-SEG-3';

describe('BG-SEG-3 SecretDenyOutsideSegment', () => {
  test('Compliance: deny outside the segment, public policies blocked', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Compliance: a deny keyed on the principal segment tag also closes the segment', () => {
    const w = world();
    w.SessionSecretPolicy.Properties.ResourcePolicy.Statement[0].Condition = {
      StringNotEquals: { 'aws:PrincipalTag/brokerguard:segment': 'automation' },
    };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: no resource policy', () => {
    const w = world();
    delete (w as Record<string, unknown>).SessionSecretPolicy;
    expect(judge(w, RULE)).toEqual([`${RULE}[NoResourcePolicy] SessionSecret`]);
  });

  test('Noncompliance: BlockPublicPolicy off', () => {
    const w = world();
    w.SessionSecretPolicy.Properties.BlockPublicPolicy = false;
    expect(judge(w, RULE)).toEqual([`${RULE}[BlockPublicPolicyOff] SessionSecret`]);
  });

  test('Noncompliance: the policy does not deny reads outside the segment', () => {
    const w = world();
    w.SessionSecretPolicy.Properties.ResourcePolicy.Statement[0].Action =
      'secretsmanager:DeleteSecret';
    expect(judge(w, RULE)).toEqual([`${RULE}[NoDenyOutsideSegment] SessionSecret`]);
  });

  test('Noncompliance: the deny exempts a principal of another segment', () => {
    const w = world();
    w.SessionSecretPolicy.Properties.ResourcePolicy.Statement[0].Condition.ArnNotEquals[
      'aws:PrincipalArn'
    ].push(arn('ApprovalsRole'));
    expect(judge(w, RULE)).toEqual([`${RULE}[ExemptsOutsider::ApprovalsRole] SessionSecret`]);
  });
});
