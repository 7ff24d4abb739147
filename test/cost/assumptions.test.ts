import {
  applyAssumeFlag,
  applyAssumptionsJson,
  ASSUMPTION_NAMES,
  defaultAssumptions,
} from '../../lib/cost/assumptions';

describe('cost assumptions', () => {
  test('defaults come from the catalog, none marked as set by the user', () => {
    const a = defaultAssumptions();
    expect(a.values.paused.gatewayHoursPerMonth).toBe(730);
    expect(a.values.paused.runningTasksPerService).toBe(0);
    expect(a.values.running.runningTasksPerService).toBe(1);
    expect(a.overridden.size).toBe(0);
    expect(Object.keys(a.values.running).sort()).toEqual([...ASSUMPTION_NAMES].sort());
  });

  test('--assume sets both scenarios, or one when scoped, and several at once', () => {
    // WHEN
    const a = applyAssumeFlag(
      defaultAssumptions(),
      'gatewayHoursPerMonth=152, running.appLogMbPerMonth=50,paused.alertsPerMonth=0',
    );
    // THEN
    expect(a.values.paused.gatewayHoursPerMonth).toBe(152);
    expect(a.values.running.gatewayHoursPerMonth).toBe(152);
    expect(a.values.running.appLogMbPerMonth).toBe(50);
    expect(a.values.paused.appLogMbPerMonth).toBe(1);
    expect(a.values.paused.alertsPerMonth).toBe(0);
    expect(a.values.running.alertsPerMonth).toBe(30);
    expect([...a.overridden].sort()).toEqual([
      'alertsPerMonth',
      'appLogMbPerMonth',
      'gatewayHoursPerMonth',
    ]);
  });

  test.each([
    [
      'gatewayHours=5',
      /--assume: unknown assumption "gatewayHours"; allowed: gatewayHoursPerMonth, /,
    ],
    [
      'gatewayHoursPerMonth=lots',
      /--assume gatewayHoursPerMonth: got "lots"; allowed: a number from 0 to 744/,
    ],
    ['gatewayHoursPerMonth=800', /got "800"; allowed: a number from 0 to 744/],
    ['alertsPerMonth=-1', /--assume alertsPerMonth: got "-1"; allowed: a number ≥ 0/],
    ['alertsPerMonth=', /--assume alertsPerMonth: got ""; allowed: a number ≥ 0/],
    ['alertsPerMonth', /--assume: got "alertsPerMonth"; write name=value/],
    ['later.alertsPerMonth=1', /unknown assumption "later.alertsPerMonth"/],
    [',', /--assume: name at least one name=value/],
  ])('--assume %j is refused: %p', (text, message) => {
    expect(() => applyAssumeFlag(defaultAssumptions(), text)).toThrow(message);
  });

  test('an assumptions file sets a value for both scenarios or per scenario', () => {
    const a = applyAssumptionsJson(
      defaultAssumptions(),
      { natGbPerMonth: 20, appLogMbPerMonth: { paused: 0, running: 100 } },
      'mine.json',
    );
    expect(a.values.paused.natGbPerMonth).toBe(20);
    expect(a.values.running.natGbPerMonth).toBe(20);
    expect(a.values.paused.appLogMbPerMonth).toBe(0);
    expect(a.values.running.appLogMbPerMonth).toBe(100);
    expect(a.overridden.has('natGbPerMonth')).toBe(true);
  });

  test.each([
    [[1, 2], /mine\.json: an assumptions file is a JSON object of name: value; got a list/],
    [{ nat: 1 }, /mine\.json: unknown assumption "nat"; allowed:/],
    [{ natGbPerMonth: 'ten' }, /mine\.json natGbPerMonth: got "ten"; allowed: a number ≥ 0/],
    [
      { natGbPerMonth: { idle: 1 } },
      /mine\.json natGbPerMonth: unknown scenario "idle"; allowed: paused, running/,
    ],
    [{ natGbPerMonth: { running: null } }, /mine\.json natGbPerMonth: got null/],
  ])('file content %j is refused: %p', (json, message) => {
    expect(() => applyAssumptionsJson(defaultAssumptions(), json, 'mine.json')).toThrow(message);
  });
});
