import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-ROT-3';

describe('BG-ROT-3 RotationRuntimeSupported', () => {
  test('Compliance: nodejs22.x', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test.each(['python3.12', 'python3.13', 'nodejs24.x', 'java21', 'dotnet8'])(
    'Compliance: %s, a supported runtime of any language',
    (runtime) => {
      const w = world();
      w.RotationFunction.Properties.Runtime = runtime;
      expect(judge(w, RULE)).toEqual([]);
    },
  );

  test.each(['nodejs18.x', 'python3.9', 'python3.7', 'go1.x', 'nodejs99.x'])(
    'Noncompliance: %s',
    (runtime) => {
      const w = world();
      w.RotationFunction.Properties.Runtime = runtime;
      expect(judge(w, RULE)).toEqual([`${RULE} RotationFunction`]);
    },
  );

  test('Compliance: functions that rotate nothing are not judged', () => {
    const w = world();
    w.Other = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.7' } };
    expect(judge(w, RULE)).toEqual([]);
  });
});
