import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-3';

describe('BG-IAM-3 AutomationPermissionsBoundary', () => {
  test('Compliance: the automation role has a boundary', () => {
    expect(judge(world(), RULE)).toEqual([]);
  });

  test('Noncompliance: no permissions boundary', () => {
    const w = world();
    delete w.AutomationRole.Properties.PermissionsBoundary;
    expect(judge(w, RULE)).toEqual([`${RULE} AutomationRole`]);
  });
});
