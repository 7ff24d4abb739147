import { judge } from '../../judge';
import { tags, world } from '../../world';

const RULE = 'BG-IAM-2';

describe('BG-IAM-2 AutomationSessionDuration', () => {
  test('Compliance: one hour, and CloudFormation default when unset', () => {
    expect(judge(world(), RULE)).toEqual([]);
    const w = world();
    delete w.AutomationRole.Properties.MaxSessionDuration;
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: a 12-hour automation session', () => {
    const w = world();
    w.AutomationRole.Properties.MaxSessionDuration = 43200;
    expect(judge(w, RULE)).toEqual([`${RULE} AutomationRole`]);
  });

  test('Noncompliance: a role of another tool tagged automation, without a role kind', () => {
    const w = world();
    w.AutomationRole.Properties.Tags = tags({ 'brokerguard:segment': 'automation' });
    w.AutomationRole.Properties.MaxSessionDuration = '7200';
    expect(judge(w, RULE)).toEqual([`${RULE} AutomationRole`]);
  });

  test('Compliance: function roles of the segment are not the server role', () => {
    const w = world();
    w.RotationRole.Properties.MaxSessionDuration = 43200;
    expect(judge(w, RULE)).toEqual([]);
  });
});
