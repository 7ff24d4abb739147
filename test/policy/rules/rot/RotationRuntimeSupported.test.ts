import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-ROT-3';

describe('BG-ROT-3 RotationRuntimeSupported', () => {
  test('Compliance: nodejs22.x', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test.each(['nodejs18.x', 'python3.12'])('Noncompliance: %s', (runtime) => {
    const w = world();
    w.RotationFunction.Properties.Runtime = runtime;
    expect(judge(w, RULE)).toEqual([`${RULE} RotationFunction`]);
  });

  test('Compliance: functions that rotate nothing are not judged', () => {
    const w = world();
    w.Other = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12' } };
    expect(judge(w, RULE)).toEqual([]);
  });
});
