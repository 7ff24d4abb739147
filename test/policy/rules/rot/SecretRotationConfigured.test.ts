import { judge } from '../../judge';
import { ref, world } from '../../world';

const RULE = 'BG-ROT-4';

describe('BG-ROT-4 SecretRotationConfigured', () => {
  test('Compliance: classed kit secrets are left to BG-ROT-1/BG-ROT-2', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Compliance: an untagged secret with a rotation schedule', () => {
    const w = world();
    w.Db = { Type: 'AWS::SecretsManager::Secret', Properties: {} };
    w.DbRotation = {
      Type: 'AWS::SecretsManager::RotationSchedule',
      Properties: {
        SecretId: ref('Db'),
        HostedRotationLambda: { RotationType: 'MySQLSingleUser' },
        RotationRules: { AutomaticallyAfterDays: 30 },
      },
    };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: an untagged secret that never rotates', () => {
    const w = world();
    w.Db = { Type: 'AWS::SecretsManager::Secret', Properties: {} };
    expect(judge(w, RULE)).toEqual([`${RULE} Db`]);
  });
});
