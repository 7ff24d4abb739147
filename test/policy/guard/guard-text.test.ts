import {
  guardRegex,
  guardRuleName,
  message,
  notAcknowledged,
  quote,
  upTo,
} from '../../../lib/policy/guard/guard-text';

describe('Guard text builders', () => {
  test.each([1, 9, 10, 24, 90, 100, 2160, 3600, 43200])(
    'upTo(%i) matches exactly the integers 1..max',
    (max) => {
      const re = new RegExp(`^${upTo(max)}$`);
      for (let n = 0; n <= max * 2 + 10; n++)
        expect(`${n}: ${re.test(String(n))}`).toBe(`${n}: ${n >= 1 && n <= max}`);
      expect(re.test('07')).toBe(false);
    },
  );

  test('upTo refuses a limit that is not a positive integer', () => {
    expect(() => upTo(0)).toThrow(/max must be an integer ≥ 1, got 0/);
  });

  test('names, quotes and messages stay valid Guard', () => {
    expect(guardRuleName('BG-ROT-1', 'RotationWithinClassMaximum')).toBe(
      'BG_ROT_1_RotationWithinClassMaximum',
    );
    expect(quote("it's")).toBe("'it\\'s'");
    expect(message('a <b> >> c << d\nnext')).toBe('a b  c  d next');
    expect(notAcknowledged('BG-KMS-1')).toBe(
      'Metadata.cdk_nag.rules_to_suppress[ id == /^BrokerGuardChecks::BG\\-KMS\\-1(\\[|$)/ ] empty',
    );
  });

  test('a JavaScript regex becomes a Guard regex literal with its slashes escaped', () => {
    expect(guardRegex(/(?:^|[/_-])ibc\/x/i)).toBe('/(?i)(?:^|[\\/_-])ibc\\/x/');
    expect(guardRegex(/^arn:/)).toBe('/^arn:/');
    expect(() => guardRegex(/a/g)).toThrow(/only the i and u flags translate to Guard, got \/a\/g/);
  });
});
