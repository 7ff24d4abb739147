import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-SEC-1';

describe('BG-SEC-1 NoHardCodedSecretString', () => {
  test('Compliance: generated, from a parameter, from a dynamic reference', () => {
    const w = world();
    w.SessionSecret.Properties.GenerateSecretString = { PasswordLength: 32 };
    w.GatewayPasswordSecret.Properties.SecretString = {
      'Fn::Sub': '{"username":"trader","password":"${Password}"}',
    };
    w.TotpSeedSecret.Properties.SecretString = '{{resolve:ssm-secure:/paper/totp:1}}';
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: a literal JSON secret string on a kit secret', () => {
    const w = world();
    w.SessionSecret.Properties.SecretString = '{"username":"trader","password":"s3cr3t"}';
    expect(judge(w, RULE)).toEqual([`${RULE} SessionSecret`]);
  });

  test('Noncompliance: an untagged secret of another tool, literal through Fn::Sub with only pseudo parameters', () => {
    const w = world();
    w.Other = {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { SecretString: { 'Fn::Sub': 'key-for-${AWS::Region}-abc123' } },
    };
    expect(judge(w, RULE)).toEqual([`${RULE} Other`]);
  });

  test.each(['', '{}', '{"password": ""}'])(
    'Compliance: an empty placeholder (%j) that rotation fills holds no secret',
    (value) => {
      const w = world();
      w.SessionSecret.Properties.SecretString = value;
      expect(judge(w, RULE)).toEqual([]);
    },
  );
});
