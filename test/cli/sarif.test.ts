import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/sarif';
import { runVerb } from './cli-fixtures';

const sarif = (...args: string[]) => runVerb(run, args);

const dir = mkdtempSync(join(tmpdir(), 'bg-sarif-cli-'));
const reportFile = join(dir, 'validation-report.json');
writeFileSync(
  reportFile,
  JSON.stringify({
    pluginReports: [
      {
        pluginName: 'AwsSolutions',
        violations: [
          {
            ruleName: 'AwsSolutions-IAM5[Action::s3:*]',
            description: 'wildcard',
            severity: 'error',
            violatingConstructs: [
              {
                constructPath: 's/Role/DefaultPolicy/Resource',
                stackTraces: [`x (${join(dir, 'app.ts')}:7:3)`],
              },
            ],
          },
        ],
      },
    ],
  }),
);

describe('brokerguard sarif', () => {
  test('converts a report to SARIF on stdout, paths relative to --root', async () => {
    const r = await sarif(reportFile, '--root', dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).runs[0].results[0];
    expect(result.ruleId).toBe('AwsSolutions-IAM5');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('app.ts');
  });

  test('--output writes the file', async () => {
    const out = join(dir, 'out.sarif');
    expect((await sarif(reportFile, `--root=${dir}`, '-o', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  test.each([
    [[], /name the validation report/],
    [['a.json', 'b.json'], /name one report, got "a.json" and "b.json"/],
    [['--bogus'], /unknown option "--bogus"/],
    [[join(dir, 'missing.json')], /cannot read .*missing\.json: no such file/],
    [
      [mkdtempSync(join(tmpdir(), 'bg-sarif-empty-'))],
      /a directory without validation-report\.json; name the report/,
    ],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const r = await sarif(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('a cdk.out directory stands for its validation-report.json', async () => {
    const r = await sarif(dir, '--root', dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results[0].ruleId).toBe('AwsSolutions-IAM5');
  });

  test.each([
    [
      { pluginReports: [null] },
      /pluginReports\[0\]: Invalid input: expected object, received null/,
    ],
    [
      { pluginReports: [{ violations: [{ description: 'no rule name' }] }] },
      /pluginReports\[0\]\.violations\[0\]\.ruleName: Invalid input: expected string/,
    ],
  ])('a malformed report %j exits 2 naming the field', async (content, message) => {
    const bad = join(mkdtempSync(join(tmpdir(), 'bg-sarif-bad-')), 'validation-report.json');
    writeFileSync(bad, JSON.stringify(content));
    const r = await sarif(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^brokerguard sarif: .*validation-report\.json: not a CDK validation report: /,
    );
    expect(r.stderr).toMatch(message);
  });

  test('a JSON file that is not a report exits 2', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"a":1}');
    const r = await sarif(other);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other\.json: not a CDK validation report/);
  });
});
