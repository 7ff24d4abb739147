import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.spyOn needs the module object itself, not an ES namespace copy
import os = require('node:os');
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { BrokerGuardHook } from '../../lib/organization/guard-hook';
import { hookRulesFile } from '../../lib/organization/hook-rules-file';
import { HOOK_RULES_FILE, renderHookRules } from '../../lib/policy/guard/hook-rules';

const root = join(__dirname, '..', '..');

// Each test gets its own temporary folder, so what the code writes there shows. Jest gives a test
// a copy of process.env, which os.tmpdir() does not read: the folder is set on os.tmpdir itself.
let testTmp: string;
beforeEach(() => {
  testTmp = mkdtempSync(join(os.tmpdir(), 'bg-hook-tmp-'));
  jest.spyOn(os, 'tmpdir').mockReturnValue(testTmp);
});
afterEach(() => jest.restoreAllMocks());

describe('hookRulesFile', () => {
  test('the package ships the rules file, and a hook uploads exactly it, writing nothing else', () => {
    // GIVEN: the committed file is the package's (package.json "files")
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.files).toContain(HOOK_RULES_FILE);
    const outdir = mkdtempSync(join(testTmp, 'out-'));
    const stack = new Stack(new App({ outdir, builtinCloudFormationValidation: false }), 'Hooked');
    // WHEN
    const hook = new BrokerGuardHook(stack, 'Hook');
    const assembly = stack.node.root as App;
    const dir = assembly.synth().directory;
    // THEN: the staged asset holds the rules, and the temporary folder holds only the outdir
    expect(hookRulesFile()).toBe(join(root, HOOK_RULES_FILE));
    expect(readFileSync(join(dir, hook.rules.assetPath), 'utf8')).toBe(renderHookRules());
    expect(readdirSync(testTmp)).toEqual([expect.stringMatching(/^out-/)]);
  });

  test('a stale or missing shipped file is not used: the rules are written once per process', () => {
    // GIVEN: one package root whose rules file is out of date, one without any
    const stale = mkdtempSync(join(testTmp, 'stale-'));
    mkdirSync(join(stale, 'rules'));
    writeFileSync(join(stale, HOOK_RULES_FILE), '# an older rule set\n');
    const empty = mkdtempSync(join(testTmp, 'empty-'));
    // WHEN
    const first = hookRulesFile([stale, empty]);
    const second = hookRulesFile([empty]);
    // THEN: one private copy of the current rules, shared
    expect(first).not.toBe(join(stale, HOOK_RULES_FILE));
    expect(second).toBe(first);
    expect(readFileSync(first, 'utf8')).toBe(renderHookRules());
    expect(readdirSync(testTmp).filter((e) => e.startsWith('brokerguard-hook-'))).toHaveLength(1);
  });

  test('the private copy is removed when the process exits', () => {
    // A fresh Node process that writes the fallback copy, prints its path and exits.
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const { hookRulesFile } = require(${JSON.stringify(join(root, 'dist/lib/organization/hook-rules-file.js'))});
const path = hookRulesFile([${JSON.stringify(testTmp)}]);
require('node:fs').accessSync(path);
process.stdout.write(path);`,
      ],
      { encoding: 'utf8', env: { ...process.env, TMPDIR: testTmp } },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/brokerguard-hook-[^/]+\/brokerguard\.guard$/);
    expect(existsSync(run.stdout)).toBe(false);
    expect(readdirSync(testTmp)).toEqual([]);
  });
});
