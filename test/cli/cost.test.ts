import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/cost';
import { runVerb } from './cli-fixtures';

const FIXTURES = join(__dirname, '../fixtures/templates/cost');
const SECURITY = join(FIXTURES, 'security.template.json');
const GATEWAY = join(FIXTURES, 'gateway.template.json');

const cost = (...args: string[]) => runVerb(run, args);

describe('brokerguard cost', () => {
  test('prints the estimate of a template, paused and running', async () => {
    const r = await cost(SECURITY);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\ntotal +\$7\.11 +\$7\.37\n/);
  });

  test('reads every *.template.json of a cdk.out directory', async () => {
    // GIVEN a cloud assembly with both fixtures and a file that is no template
    const dir = mkdtempSync(join(tmpdir(), 'bg-cost-'));
    cpSync(SECURITY, join(dir, 'a.template.json'));
    cpSync(GATEWAY, join(dir, 'b.template.json'));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    // WHEN
    const r = await cost(dir, '--format', 'json');
    // THEN
    const report = JSON.parse(r.stdout);
    expect([...new Set(report.resources.map((x: { template: string }) => x.template))]).toEqual([
      'a.template.json',
      'b.template.json',
    ]);
  });

  test('--assume changes the running figure and is reported as set', async () => {
    const base = JSON.parse((await cost(GATEWAY, '--format=json')).stdout);
    const r = await cost(GATEWAY, '--format=json', '--assume', 'gatewayHoursPerMonth=152');
    const report = JSON.parse(r.stdout);
    expect(report.totalUsd.paused).toBe(base.totalUsd.paused);
    expect(base.totalUsd.running - report.totalUsd.running).toBeCloseTo(
      (730 - 152) * (0.5 * 0.03238 + 0.00356 + 0.005),
      4,
    );
    expect(
      report.assumptions.find((a: { name: string }) => a.name === 'gatewayHoursPerMonth')
        .overridden,
    ).toBe(true);
  });

  test('--assumptions FILE, then --assume on top of it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bg-cost-')), 'volumes.json');
    writeFileSync(file, JSON.stringify({ natGbPerMonth: { running: 100 }, endpointGbPerMonth: 7 }));
    const r = await cost(
      GATEWAY,
      '--format',
      'json',
      '--assumptions',
      file,
      '--assume',
      'endpointGbPerMonth=0',
    );
    const a = Object.fromEntries(
      JSON.parse(r.stdout).assumptions.map(
        (x: { name: string; paused: number; running: number }) => [x.name, [x.paused, x.running]],
      ),
    );
    expect(a.natGbPerMonth).toEqual([0, 100]);
    expect(a.endpointGbPerMonth).toEqual([0, 0]);
  });

  test('--output writes the report to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bg-cost-')), 'cost.json');
    const r = await cost(SECURITY, '--format', 'json', '-o', out);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('brokerguard.cost/1');
  });

  test('with no path it reads ./cdk.out', async () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'bg-cost-cwd-'));
    process.chdir(dir);
    try {
      const r = await cost();
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('brokerguard cost: cannot read cdk.out: no such file\n');
    } finally {
      process.chdir(cwd);
    }
  });

  test.each([
    [
      ['--format', 'csv', SECURITY],
      /--format: got "csv"; allowed: text, json \(see brokerguard cost --help\)/,
    ],
    [
      ['--assume', 'hours=1', SECURITY],
      /--assume: unknown assumption "hours"; allowed: gatewayHoursPerMonth/,
    ],
    [
      ['--assume', 'natGbPerMonth=-5', SECURITY],
      /--assume natGbPerMonth: got "-5"; allowed: a number ≥ 0\n$/,
    ],
    [
      ['--assumptions', '/no/such.json', SECURITY],
      /--assumptions: cannot read \/no\/such\.json: no such file/,
    ],
    [['/no/such/file.json'], /cannot read \/no\/such\/file\.json: no such file/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const r = await cost(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('one missing template among several: the others are printed, exit 2', async () => {
    const r = await cost('/no/such/file.json', SECURITY);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('brokerguard cost: cannot read /no/such/file.json: no such file\n');
    expect(r.stdout).toMatch(/Dashboard/);
  });

  test('--help', async () => {
    const r = await cost('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: brokerguard cost \[template \| cdk\.out\]/);
  });
});
