import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/access';
import { runVerb } from './cli-fixtures';

const FIXTURES = join(__dirname, '../fixtures/templates');

const access = (...args: string[]) => runVerb(run, args);

describe('brokerguard access', () => {
  test('prints the matrix of a template as a table', async () => {
    const r = await access(join(FIXTURES, 'compliant.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /secret \/ key\s+segment\s+principal\s+principal segment\s+read\s+write\s+rotate\s+decrypt via SM\s+decrypt direct/,
    );
    expect(r.stdout).toMatch(
      /TotpSeedSecret \(paper\/approvals\/totp-seed\)\s+approvals\s+ApprovalsRole\s+approvals\s+allow\s+-\s+-\s+allow\s+allow/,
    );
    expect(r.stdout).toMatch(/cells: \d+ allow, \d+ conditional, \d+ deny/);
  });

  test('reads every stack template of a cdk.out directory, --format markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-access-'));
    writeFileSync(join(dir, 'a.template.json'), JSON.stringify({ Resources: {} }));
    writeFileSync(join(dir, 'b.template.json'), JSON.stringify({ Resources: {} }));
    const r = await access(dir, '--format=markdown');
    expect(r.stdout).toMatch(/## a\.template\.json[\s\S]*## b\.template\.json/);
  });

  test('--format json: a verdict per permission and the counts', async () => {
    const r = await access('--format', 'json', join(FIXTURES, 'compliant.json'));
    const m = JSON.parse(r.stdout).templates[0];
    const row = m.rows.find(
      (x: any) => x.principal === 'ApprovalsRole' && x.target === 'TotpSeedSecret',
    );
    expect(row.verdicts).toEqual({
      read: 'allow',
      write: 'none',
      rotate: 'none',
      decryptViaSecretsManager: 'allow',
      decryptDirect: 'allow',
    });
    expect(Object.keys(m.counts)).toEqual(['allow', 'conditional', 'deny']);
  });

  test('--help explains the verdicts', async () => {
    const r = await access('--help');
    expect(r.stdout).toMatch(/conditional\s+it turns on a condition the template cannot decide/);
  });

  test.each([
    [[], /name a template file or a cdk.out directory/],
    [['--format', 'csv', 'x'], /--format: got "csv"; allowed: table, markdown, json/],
    [['--nope'], /unknown option "--nope"/],
    [['/no/such/file.json'], /cannot read \/no\/such\/file\.json: no such file/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const r = await access(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('one missing template among several: the others are printed, exit 2', async () => {
    const r = await access('/no/such/file.json', join(FIXTURES, 'compliant.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('brokerguard access: cannot read /no/such/file.json: no such file\n');
    expect(r.stdout).toMatch(/TotpSeedSecret/);
  });

  test('a directory without templates exits 2', async () => {
    const r = await access(mkdtempSync(join(tmpdir(), 'bg-empty-')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no \*\.template\.json in this directory/);
  });
});
