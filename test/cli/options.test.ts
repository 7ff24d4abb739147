import { parseOptions } from '../../lib/cli/options';

const SPEC = {
  format: { type: 'string', choices: ['text', 'json'] },
  output: { type: 'string', short: 'o' },
  confirm: { type: 'boolean' },
} as const;

describe('parseOptions', () => {
  test('reads values, inline values, short options and positionals', () => {
    // WHEN
    const r = parseOptions(['a.json', '--format=json', '-o', 'out', '--confirm', '-', 'b'], SPEC);
    // THEN
    expect(r).toEqual({
      values: { format: 'json', output: 'out', confirm: true },
      positionals: ['a.json', '-', 'b'],
      help: false,
    });
  });

  test.each([
    [
      ['--fromat', 'json'],
      'unknown option "--fromat"; allowed: --format, --output, --confirm, --help',
    ],
    [
      ['--fromat=json'],
      'unknown option "--fromat=json"; allowed: --format, --output, --confirm, --help',
    ],
    [['-q'], 'unknown option "-q"; allowed: --format, --output, --confirm, --help'],
    [['--output'], '--output needs a value'],
    [['-o'], '-o needs a value'],
    [['--output='], '--output needs a value'],
    [['--output', '--confirm'], '--output needs a value'],
    [['--format'], '--format needs a value: one of text, json'],
    [['--format', 'xml'], '--format: got "xml"; allowed: text, json'],
    [['--confirm=yes'], '--confirm takes no value, got "yes"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseOptions(argv, SPEC)).toThrow(message);
  });

  test('the first mistake is reported', () => {
    expect(() => parseOptions(['--bogus', '--format', 'xml'], SPEC)).toThrow(/"--bogus"/);
  });

  test('--help anywhere wins over a mistake', () => {
    expect(parseOptions(['--bogus', '-h'], SPEC).help).toBe(true);
  });

  test('after --, everything is a positional', () => {
    expect(parseOptions(['--', '--format'], SPEC).positionals).toEqual(['--format']);
  });
});
