import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-LOG-1';

describe('BG-LOG-1 LogGroupEncryptedBounded', () => {
  test('Compliance: segment key and one-year retention', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: not encrypted', () => {
    const w = world();
    delete w.RotationLogGroup.Properties.KmsKeyId;
    expect(judge(w, RULE)).toEqual([`${RULE}[NotEncrypted] RotationLogGroup`]);
  });

  test('Noncompliance: kept forever', () => {
    const w = world();
    delete w.RotationLogGroup.Properties.RetentionInDays;
    expect(judge(w, RULE)).toEqual([`${RULE}[RetentionUnbounded] RotationLogGroup`]);
  });
});
