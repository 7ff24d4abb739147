import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/check';
import { runVerb } from './cli-fixtures';

const FIXTURES = join(__dirname, '../fixtures/templates');

const check = (...args: string[]) => runVerb(run, args);

describe('brokerguard check', () => {
  test('exits 0 and says so when a template has no findings', async () => {
    const r = await check(join(FIXTURES, 'compliant.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/compliant\.json: no findings\n0 errors, 0 warnings in 1 template/);
  });

  test('exits 1 on error findings and prints each with its fix', async () => {
    const r = await check(join(FIXTURES, 'compliant.json'), join(FIXTURES, 'public-gateway.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'error   BG-NET-1[Port::4001]  GatewaySecurityGroup (AWS::EC2::SecurityGroup)',
    );
    expect(r.stdout).toMatch(/fix: Allow the port only from the trading server's security group/);
    expect(r.stdout).toMatch(/2 errors, 0 warnings in 2 templates\n$/);
  });

  test('says what it could not resolve', async () => {
    const r = await check(join(FIXTURES, 'unresolved.yaml'));
    expect(r.stdout).toMatch(
      /judged without what could not be resolved: .*Fn::ImportValue "shared-automation-key-arn"/,
    );
  });

  test('--format json lists findings with stable fields', async () => {
    const r = await check('--format', 'json', join(FIXTURES, 'public-gateway.yaml'));
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ errors: 2, warnings: 0, templates: 1 });
    expect(out.templates[0].findings[0]).toMatchObject({
      ruleId: 'BG-NET-1',
      finding: 'BG-NET-1[Port::4001]',
      pack: 'BrokerGuardChecks',
      level: 'error',
      logicalId: 'GatewaySecurityGroup',
      fix: expect.stringMatching(/SSM port forwarding/),
    });
  });

  test('--format=sarif --output writes SARIF to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bg-cli-')), 'check.sarif');
    const r = await check('--format=sarif', '--output', out, join(FIXTURES, 'public-gateway.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  test.each([
    [[], /name at least one template file/],
    [['--format', 'xml', 'a.json'], /--format: got "xml"; allowed: text, json, sarif/],
    [['--fromat', 'a.json'], /unknown option "--fromat"/],
    [['--output'], /--output needs a value/],
  ])('usage error %j exits 2 with a clear message', async (args, message) => {
    const r = await check(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  test('an unreadable template exits 2 and names it; the others are still reported', async () => {
    const r = await check(
      join(FIXTURES, 'nope.yaml'),
      join(FIXTURES, 'public-gateway.yaml'),
      join(FIXTURES, 'compliant.json'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^brokerguard check: cannot read .*nope\.yaml: no such file\n$/);
    expect(r.stdout).toMatch(/public-gateway\.yaml: 2 errors/);
    expect(r.stdout).toMatch(/compliant\.json: no findings\n2 errors, 0 warnings in 2 templates/);
  });

  test('--output into a directory exits 2 and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-cli-'));
    const r = await check('-o', dir, join(FIXTURES, 'compliant.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `brokerguard check: --output ${dir}: cannot write (a directory, not a file)\n`,
    );
  });

  test('a cdk.out directory stands for its stack templates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-cdkout-'));
    writeFileSync(join(dir, 'a.template.json'), readFileSync(join(FIXTURES, 'compliant.json')));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const r = await check(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/a\.template\.json: no findings\n0 errors, 0 warnings in 1 template/);
    const empty = await check(mkdtempSync(join(tmpdir(), 'bg-empty-')));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no \*\.template\.json in this directory/);
  });

  test('--help prints usage and exits 0', async () => {
    const r = await check('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: brokerguard check/);
  });
});
