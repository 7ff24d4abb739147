import { judge } from '../../judge';
import { ref, world } from '../../world';

const RULE = 'BG-IAM-6';

describe('BG-IAM-6 NoUserAccessKeys', () => {
  test('Compliance: no access keys', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: an access key for a user', () => {
    const w = world();
    w.Bot = { Type: 'AWS::IAM::User', Properties: {} };
    w.BotKey = { Type: 'AWS::IAM::AccessKey', Properties: { UserName: ref('Bot') } };
    expect(judge(w, RULE)).toEqual([`${RULE} BotKey`]);
  });
});
