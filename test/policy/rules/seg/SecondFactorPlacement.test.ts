import { judge } from '../../judge';
import { arn, tags, world } from '../../world';

const RULE = 'BG-SEG-2';

describe('BG-SEG-2 SecondFactorPlacement', () => {
  test('Compliance: the TOTP seed lives in approvals and only approvals reads it', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: second-factor material tagged into the automation segment', () => {
    // GIVEN
    const w = world();
    w.TotpSeedSecret.Properties.Tags = tags({
      'brokerguard:segment': 'automation',
      'brokerguard:credential-class': 'second-factor',
    });
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([`${RULE}[Segment::automation] TotpSeedSecret`]);
  });

  test('Noncompliance: the automation role may decrypt with the approvals key', () => {
    // GIVEN
    const w = world();
    w.ApprovalsKey.Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: arn('AutomationRole') },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
    // WHEN / THEN
    expect(judge(w, RULE)).toEqual([`${RULE}[Principal::AutomationRole] TotpSeedSecret`]);
  });
});
