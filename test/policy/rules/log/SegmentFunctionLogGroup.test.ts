import { judge } from '../../judge';
import { ref, world } from '../../world';

const RULE = 'BG-LOG-2';

describe('BG-LOG-2 SegmentFunctionLogGroup', () => {
  test('Compliance: LoggingConfig names a log group of the template', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Compliance: the classic /aws/lambda/<name> log group of the template', () => {
    const w = world();
    delete w.RotationFunction.Properties.LoggingConfig;
    w.RotationLogGroup.Properties.LogGroupName = {
      'Fn::Join': ['', ['/aws/lambda/', ref('RotationFunction')]],
    };
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: Lambda would create its own log group', () => {
    const w = world();
    delete w.RotationFunction.Properties.LoggingConfig;
    expect(judge(w, RULE)).toEqual([`${RULE} RotationFunction`]);
  });
});
