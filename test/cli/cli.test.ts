/**
 * The built command (dist/bin/cli.js) run as a user runs it: a child process. Every verb is fed
 * a corpus of bad input; each must end with its documented exit code, say what is wrong in
 * exactly one line on stderr, and never show a stack trace. Closed pipes end quietly.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/bin/cli.js');
const TEMPLATE = join(ROOT, 'test/fixtures/templates/compliant.json');
const WITH_FINDINGS = join(ROOT, 'test/fixtures/templates/public-gateway.yaml');
const STACK_FRAME = /^\s+at /m;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A home and environment with no AWS setup at all: nothing may reach the network. */
const home = mkdtempSync(join(tmpdir(), 'bg-cli-home-'));
const ENV = {
  PATH: process.env.PATH,
  HOME: home,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: join(home, 'no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
};

function runCli(
  args: string[],
  options: {
    cwd?: string;
    stdout?: 'pipe' | number;
    closeStdout?: 'at-once' | 'after-first-chunk';
  } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? home,
      env: ENV,
      stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout === 'at-once') child.stdout?.destroy();
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // As `| head -1` does: read a little, then close the pipe.
      if (options.closeStdout === 'after-first-chunk') child.stdout?.destroy();
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `tasks` a few at a time: each is a node process loading part of the kit. */
async function pooled<T>(tasks: Array<() => Promise<T>>, width = 3): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

// --- the corpus -------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'bg-cli-corpus-'));
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const missing = join(dir, 'missing.json');
const emptyDir = join(dir, 'empty-dir');
mkdirSync(emptyDir);
const empty = file('empty.json', '');
const badJson = file('bad.json', '{"Resources": {');
const badYaml = file('bad.yaml', 'Resources:\n  A: [\n  b: }\n');
// Every byte value, control characters and ESC included, as a file of the wrong kind would be.
const garbage = file(
  'garbage.bin',
  Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256)),
);
const nullPlugin = file('null-plugin.json', JSON.stringify({ pluginReports: [null] }));
const notReport = file('not-report.json', '{"hello": 1}');

/** Bad input, by verb: the arguments and what the one line on stderr must say. */
const CORPUS: Record<string, Array<[string, string[], RegExp]>> = {
  brokerguard: [
    [
      'no verb',
      [],
      /^brokerguard: name a verb: check, sarif, access, diagnose, incident, automation/,
    ],
    ['unknown verb', ['chekc'], /^brokerguard: unknown verb "chekc"; allowed: check, sarif/],
    [
      'unknown option',
      ['--verbose'],
      /^brokerguard: unknown option "--verbose"; allowed before a verb/,
    ],
  ],
  check: [
    ['missing args', [], /name at least one template file/],
    [
      'unknown flag',
      ['--fromat', 'json', TEMPLATE],
      /unknown option "--fromat"; allowed: --format/,
    ],
    [
      'flag without value',
      [TEMPLATE, '--format'],
      /--format needs a value: one of text, json, sarif/,
    ],
    ['flag with a bad value', ['--format', 'xml', TEMPLATE], /--format: got "xml"; allowed: text/],
    [
      'boolean flag with a value',
      ['--aws-solutions=yes', TEMPLATE],
      /--aws-solutions takes no value/,
    ],
    ['nonexistent file', [missing], /cannot read .*missing\.json: no such file$/],
    ['directory', [emptyDir], /empty-dir: no \*\.template\.json in this directory$/],
    ['empty file', [empty], /empty\.json: the file is empty$/],
    ['invalid JSON', [badJson], /bad\.json: not valid JSON/],
    ['invalid YAML', [badYaml], /bad\.yaml: not valid YAML: .* at line \d+, column \d+$/],
    ['binary garbage', [garbage], /garbage\.bin: a template is a mapping/],
    [
      'output into a directory',
      ['-o', emptyDir, TEMPLATE],
      /--output .*: cannot write \(a directory/,
    ],
  ],
  sarif: [
    ['missing args', [], /name the validation report/],
    [
      'unknown flag',
      ['--bogus', nullPlugin],
      /unknown option "--bogus"; allowed: --output, --root/,
    ],
    ['flag without value', [nullPlugin, '--root'], /--root needs a value/],
    ['two reports', [nullPlugin, notReport], /name one report, got ".*" and ".*"/],
    ['nonexistent file', [missing], /cannot read .*missing\.json: no such file$/],
    ['directory', [emptyDir], /empty-dir: a directory without validation-report\.json/],
    ['empty file', [empty], /empty\.json: the file is empty$/],
    ['invalid JSON', [badJson], /bad\.json: not valid JSON/],
    ['YAML, not JSON', [badYaml], /bad\.yaml: not valid JSON/],
    ['binary garbage', [garbage], /garbage\.bin: not valid JSON/],
    ['JSON that is no report', [notReport], /not a CDK validation report: no pluginReports list$/],
    ['a null plugin entry', [nullPlugin], /pluginReports\[0\]: Invalid input: expected object/],
  ],
  access: [
    ['missing args', [], /name a template file or a cdk\.out directory/],
    ['unknown flag', ['--csv', TEMPLATE], /unknown option "--csv"; allowed: --format, --help/],
    [
      'flag without value',
      [TEMPLATE, '--format'],
      /--format needs a value: one of table, markdown/,
    ],
    ['nonexistent file', [missing], /cannot read .*missing\.json: no such file$/],
    ['directory', [emptyDir], /no \*\.template\.json in this directory$/],
    ['empty file', [empty], /empty\.json: the file is empty$/],
    ['invalid JSON', [badJson], /bad\.json: not valid JSON/],
    ['invalid YAML', [badYaml], /bad\.yaml: not valid YAML/],
    ['binary garbage', [garbage], /garbage\.bin: a template is a mapping/],
  ],
  diagnose: [
    ['missing args', [], /name a log file, or - for standard input/],
    ['unknown flag', ['--bogus', 'x.log'], /unknown option --bogus/],
    ['flag without value', ['x.log', '--format'], /--format: got null; allowed: text, json/],
    ['nonexistent file', [missing], /cannot read .*missing\.json: no such file$/],
    ['directory', [emptyDir], /cannot read .*empty-dir: not a file$/],
  ],
  incident: [
    ['missing action', [], /name an action: lost-device, suspected-exposure, status/],
    ['unknown action', ['panic'], /unknown action "panic"; allowed: lost-device/],
    ['two actions', ['status', 'now'], /one action only, got "status" and then "now"/],
    ['unknown flag', ['status', '--bogus'], /unknown option "--bogus"; allowed: --segment/],
    ['flag without value', ['status', '--region'], /--region needs a value/],
    ['bad segment', ['lost-device', '--segment', 'phone'], /--segment: got "phone"; allowed/],
    ['playbook without segment', ['lost-device'], /--segment is required/],
    [
      'bad deployment name',
      ['status', '--deployment', 'Live Account'],
      /--deployment: got "Live Account"/,
    ],
    ['no AWS region', ['status'], /no AWS region set: pass --region/],
  ],
  automation: [
    ['missing action', [], /name an action: status, pause, resume/],
    ['unknown action', ['stop'], /unknown action "stop"; allowed: status, pause, resume/],
    ['unknown flag', ['status', '--yes'], /unknown option "--yes"; allowed: --deployment/],
    ['flag without value', ['status', '--deployment'], /--deployment needs a value/],
    ['boolean flag with a value', ['resume', '--confirm=no'], /--confirm takes no value, got "no"/],
    ['no AWS credentials', ['status', '--region', 'us-east-1'], /no AWS credentials found/],
  ],
  cost: [
    ['no cdk.out here', [], /cannot read cdk\.out: no such file$/],
    ['unknown flag', ['--running', TEMPLATE], /unknown option "--running"; allowed: --format/],
    ['flag without value', [TEMPLATE, '--format'], /--format needs a value: one of text, json$/],
    ['flag with a bad value', ['--format', 'sarif', TEMPLATE], /--format: got "sarif"; allowed/],
    [
      'unknown assumption',
      ['--assume', 'hours=1', TEMPLATE],
      /--assume: unknown assumption "hours"/,
    ],
    [
      'bad assumption value',
      ['--assume', 'natGbPerMonth=x', TEMPLATE],
      /got "x"; allowed: a number/,
    ],
    [
      'assumptions file missing',
      ['--assumptions', missing, TEMPLATE],
      /--assumptions: cannot read/,
    ],
    [
      'assumptions file not JSON',
      ['--assumptions', badYaml, TEMPLATE],
      /bad\.yaml: not valid JSON/,
    ],
    ['nonexistent file', [missing], /cannot read .*missing\.json: no such file$/],
    ['directory', [emptyDir], /empty-dir: no \*\.template\.json in this directory$/],
    ['empty file', [empty], /empty\.json: the file is empty$/],
    ['invalid JSON', [badJson], /bad\.json: not valid JSON/],
    ['invalid YAML', [badYaml], /bad\.yaml: not valid YAML/],
    ['binary garbage', [garbage], /garbage\.bin: a template is a mapping/],
    [
      'output into a directory',
      ['-o', emptyDir, TEMPLATE],
      /--output .*: cannot write \(a directory/,
    ],
  ],
};

const cases = Object.entries(CORPUS).flatMap(([verb, entries]) =>
  entries.map(([what, args, message]) => ({
    verb,
    what,
    args: verb === 'brokerguard' ? args : [verb, ...args],
    message,
  })),
);

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test builds before jest)`);
}

describe('every bad input: exit 2, one line on stderr, no stack trace', () => {
  let runs: Run[];

  beforeAll(async () => {
    runs = await pooled(cases.map((c) => () => runCli(c.args)));
  }, 300_000);

  test('the corpus covers every verb', () => {
    expect(Object.keys(CORPUS).sort()).toEqual(
      [
        'access',
        'automation',
        'brokerguard',
        'check',
        'cost',
        'diagnose',
        'incident',
        'sarif',
      ].sort(),
    );
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  test.each(cases.map((c, i) => [`${c.verb}: ${c.what}`, i] as const))('%s', (_name, i) => {
    const { verb, message } = cases[i];
    const run = runs[i];
    const prefix = verb === 'brokerguard' ? 'brokerguard: ' : `brokerguard ${verb}: `;
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({
      code: 2,
      stderr: expect.stringMatching(new RegExp(`^${prefix}[^\\n]+\\n$`)),
      stdout: '',
    });
    expect(run.stderr.replace(/ \(see brokerguard[^)]*\)\n$/, '\n').trimEnd()).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  test('bytes quoted from a binary file cannot reach the terminal raw', () => {
    const sarifGarbage =
      runs[cases.findIndex((c) => c.verb === 'sarif' && c.what === 'binary garbage')];
    // eslint-disable-next-line no-control-regex -- the control characters are what must be absent
    expect(sarifGarbage.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f]/);
  });
});

describe('documented answers that are not usage errors', () => {
  test('one missing file among several: the others are reported, and the exit code is 2', async () => {
    const r = await runCli(['check', missing, TEMPLATE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^brokerguard check: cannot read .*missing\.json: no such file\n$/);
    expect(r.stdout).toMatch(/compliant\.json: no findings/);
  });

  test('diagnose reads any file as lines: empty or binary, nothing classified, exit 0', async () => {
    const [e, g] = await Promise.all([runCli(['diagnose', empty]), runCli(['diagnose', garbage])]);
    expect(e).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/0 line\(s\)/) });
    expect(g).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/0 classified/) });
  });

  test('--help and --version answer on stdout with exit 0', async () => {
    const [help, version] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help).toEqual({
      code: 0,
      stderr: '',
      stdout: expect.stringMatching(/^usage: brokerguard/),
    });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(version).toEqual({ code: 0, stderr: '', stdout: `${pkg.version}\n` });
  });

  test('--version works from an installed package, not from the project that installed it', async () => {
    // GIVEN the published files under node_modules/brokerguard of a project with its own package.json
    const app = mkdtempSync(join(tmpdir(), 'bg-cli-installed-'));
    writeFileSync(join(app, 'package.json'), '{"name":"my-trading-app","version":"9.9.9"}');
    const installed = join(app, 'node_modules/brokerguard');
    cpSync(join(ROOT, 'dist/bin'), join(installed, 'dist/bin'), { recursive: true });
    cpSync(join(ROOT, 'dist/lib'), join(installed, 'dist/lib'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
    // WHEN
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(installed, 'dist/bin/cli.js'), '--version'], {
        cwd: app,
        env: ENV,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    // THEN
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(r).toEqual({ code: 0, stderr: '', stdout: `${pkg.version}\n` });
  });
});

describe('closed output', () => {
  const log = file(
    'long.log',
    '2026-01-05 09:25:06:300 IBC: detected dialog entitled: Login failed; event=Opened\n'.repeat(
      50_000,
    ),
  );

  test.each([
    ['text', []],
    ['json', ['--format', 'json']],
  ])(
    'diagnose (%s) into a pipe its reader closes ends quietly with exit 0',
    async (_format, extra) => {
      const r = await runCli(['diagnose', log, ...extra], { closeStdout: 'after-first-chunk' });
      expect(r.stdout.length).toBeGreaterThan(0);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    },
  );

  test('check into a pipe closed before it writes keeps its own exit code (1: findings)', async () => {
    const r = await runCli(['check', WITH_FINDINGS], { closeStdout: 'at-once' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
  });

  (existsSync('/dev/full') ? test : test.skip)(
    'a full disk is one line and exit 2, not a silent success',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = await runCli(['check', TEMPLATE], { stdout: full });
        expect({ code: r.code, stderr: r.stderr }).toEqual({
          code: 2,
          stderr: 'brokerguard check: cannot write to standard output (ENOSPC)\n',
        });
      } finally {
        closeSync(full);
      }
    },
  );
});
