import { BROKERGUARD_RULES } from '../../../lib/policy/rules';
import { GUARD_TWINS } from '../../../lib/policy/guard/twins';

describe('the Guard twins of BrokerGuardChecks', () => {
  test.each(BROKERGUARD_RULES.map((r) => [r.id, r.name]))(
    '%s %s has a Guard twin or says why not',
    (id) => {
      const twin = GUARD_TWINS[id];
      expect(twin).toBeDefined();
      if (twin.hook) {
        expect(twin.notPossible).toBeUndefined();
        expect(twin.hook.clauses.length).toBeGreaterThan(0);
        // Variables are prefixed by the rule id, so twins never shadow each other in one file.
        const prefix = id.toLowerCase().replace(/-/g, '_');
        for (const v of twin.hook.over) expect(v.startsWith(prefix)).toBe(true);
        for (const l of twin.hook.lets) expect(l).toMatch(new RegExp(`^let ${prefix}`));
      } else {
        expect(twin.notPossible).toMatch(/\S{20,}|.{40,}/);
      }
    },
  );

  test('no twin for a rule the pack does not have', () => {
    const ids = new Set(BROKERGUARD_RULES.map((r) => r.id));
    expect(Object.keys(GUARD_TWINS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('most of the pack is checked at deploy time; the rest names its reason', () => {
    const withHook = BROKERGUARD_RULES.filter((r) => GUARD_TWINS[r.id].hook).map((r) => r.id);
    const without = BROKERGUARD_RULES.filter((r) => !GUARD_TWINS[r.id].hook).map((r) => r.id);
    expect(without.sort()).toEqual(['BG-KMS-2', 'BG-MON-1', 'BG-ROT-2', 'BG-SEG-1']);
    expect(withHook.length).toBe(BROKERGUARD_RULES.length - 4);
  });
});
