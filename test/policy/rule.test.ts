import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule, findings } from '../../lib/policy/rule';

const base = {
  id: 'BG-NET-9',
  name: 'Example',
  level: NagMessageLevel.ERROR,
  info: 'one line',
  explanation: 'one line',
  fix: 'one line',
  resourceTypes: [],
  evaluate: () => NagRuleCompliance.COMPLIANT,
};

describe('defineRule', () => {
  test.each(['info', 'explanation', 'fix'] as const)(
    'refuses an empty or multi-line %s',
    (field) => {
      expect(() => defineRule({ ...base, [field]: 'two\nlines' })).toThrow(
        `rule BG-NET-9: ${field} must be one non-empty line`,
      );
      expect(() => defineRule({ ...base, [field]: '' })).toThrow(
        `rule BG-NET-9: ${field} must be one non-empty line`,
      );
    },
  );

  test('findings: none is compliant, duplicates collapse', () => {
    expect(findings([])).toBe(NagRuleCompliance.COMPLIANT);
    expect(findings(['a', 'b', 'a'])).toEqual(['a', 'b']);
  });
});
