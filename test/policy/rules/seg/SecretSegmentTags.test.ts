import { judge } from '../../judge';
import { tags, world } from '../../world';

const RULE = 'BG-SEG-4';

describe('BG-SEG-4 SecretSegmentTags', () => {
  test('Compliance: every secret names its segment and class', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: an untagged secret', () => {
    const w = world();
    w.Stray = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'stray' } };
    expect(judge(w, RULE)).toEqual([
      `${RULE}[NoCredentialClass] Stray`,
      `${RULE}[NoSegment] Stray`,
    ]);
  });

  test('Noncompliance: tags with values outside the vocabulary', () => {
    const w = world();
    w.Stray = {
      Type: 'AWS::SecretsManager::Secret',
      Properties: {
        Tags: tags({ 'brokerguard:segment': 'research', 'brokerguard:credential-class': 'cookie' }),
      },
    };
    expect(judge(w, RULE)).toEqual([
      `${RULE}[UnknownCredentialClass] Stray`,
      `${RULE}[UnknownSegment] Stray`,
    ]);
  });
});
