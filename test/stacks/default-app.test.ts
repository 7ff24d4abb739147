import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultApp } from '../../lib/stacks/default-app';

const root = join(__dirname, '..', '..');
const cdkContext = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;

function runBin(context: Record<string, unknown>, nodeArgs: string[] = []) {
  const outdir = mkdtempSync(join(tmpdir(), 'bg-bin-'));
  const run = spawnSync(process.execPath, [...nodeArgs, join(root, 'dist/bin/brokerguard.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
    },
    encoding: 'utf8',
  });
  return { run, outdir };
}

/**
 * Runs the binary with a preload that wraps CloudFormationValidatePlugin.validate (public
 * aws-cdk-lib API) and records, at each call, what was loaded yet; and at exit, every module.
 */
function runBinRecordingValidation(context: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'bg-order-'));
  const out = join(dir, 'record.json');
  const preload = join(dir, 'record-validation.js');
  writeFileSync(
    preload,
    `const { CloudFormationValidatePlugin } = require(${JSON.stringify(join(root, 'node_modules/aws-cdk-lib'))});
const calls = [];
const loaded = (re) => Object.keys(require.cache).some((f) => re.test(f));
const validate = CloudFormationValidatePlugin.prototype.validate;
CloudFormationValidatePlugin.prototype.validate = function (...args) {
  calls.push({
    configLoaded: loaded(/\\/dist\\/lib\\/config\\/load\\.js$/),
    kitLoaded: loaded(/\\/dist\\/lib\\/stacks\\/default-app\\.js$/),
    cdkNagLoaded: loaded(/node_modules\\/cdk-nag\\//),
  });
  return validate.apply(this, args);
};
process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ calls, loaded: Object.keys(require.cache) })));`,
  );
  const { run, outdir } = runBin(context, ['-r', preload]);
  const { calls, loaded } = JSON.parse(readFileSync(out, 'utf8')) as {
    calls: Array<Record<string, boolean>>;
    loaded: string[];
  };
  return { run, calls, loaded, outdir };
}

describe('the default app', () => {
  test('synthesizes the embedded default config with zero violations, built-in validation on', () => {
    // GIVEN
    const outdir = mkdtempSync(join(tmpdir(), 'bg-default-'));
    const { app, stack } = createDefaultApp({ outdir, context: cdkContext });
    // WHEN
    const assembly = app.synth();
    // THEN
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    const violations = report.pluginReports.flatMap((p: any) => p.violations);
    expect(violations).toEqual([]);
    for (const p of report.pluginReports) {
      for (const s of p.suppressedViolations ?? []) {
        // Every acknowledgement is namespaced and carries a reason a reviewer can read.
        expect(s.acknowledgedId).toMatch(/^[A-Za-z-]+::/);
        expect(s.reason.length).toBeGreaterThan(40);
      }
    }
    expect(stack.stackName).toBe('brokerguard-paper');
    const template = assembly.getStackByName('brokerguard-paper').template;
    // env-agnostic: no account baked into an ARN, no region named outside a mapping
    expect(JSON.stringify(template)).not.toMatch(/arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:/);
    expect(JSON.stringify(template.Resources)).not.toMatch(/"(us|eu|ap|sa|ca|me|af)-[a-z]+-\d"/);
  });

  test('the binary exits 1 on a bad config, names the field, and writes no template', () => {
    const bad = {
      ...cdkContext,
      brokerguard: { ...cdkContext.brokerguard, deployment: { tradingMode: 'real' } },
    };
    const { run, outdir } = runBin(bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('deployment.tradingMode: got "real"; allowed: "paper", "live"');
    expect(readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });

  test('the binary takes a YAML file with -c brokerguardConfig', () => {
    const { run, outdir } = runBin({
      ...cdkContext,
      brokerguardConfig: join(root, 'test/fixtures/config/live.yaml'),
    });
    expect(run.stderr).not.toMatch(/invalid configuration/);
    expect(existsSync(join(outdir, 'brokerguard-live.template.json'))).toBe(true);
    expect(run.status).toBe(0);
  });

  test('synth loads neither the YAML parser nor aws-s3-assets (the synth benchmark counts on it)', () => {
    // A preload that lists every module the process loaded, written at exit.
    const dir = mkdtempSync(join(tmpdir(), 'bg-modules-'));
    const list = join(dir, 'modules.json');
    const preload = join(dir, 'list-modules.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const { run } = runBin(cdkContext, ['-r', preload]);
    expect(run.status).toBe(0);
    const loaded: string[] = JSON.parse(readFileSync(list, 'utf8'));
    // The list is real: the kit and aws-cdk-lib's Lambda module are in it.
    expect(loaded.some((m) => m.includes('/dist/lib/stacks/default-app.js'))).toBe(true);
    expect(loaded.some((m) => m.includes('/aws-cdk-lib/aws-lambda/'))).toBe(true);
    expect(loaded.filter((m) => /node_modules\/yaml\/|aws-s3-assets|region-info/.test(m))).toEqual(
      [],
    );
  });

  test('the binary validates the config, then starts template validation, then loads the kit', () => {
    // A preload that wraps the public CloudFormationValidatePlugin.validate and records, at each
    // call, which of the kit's modules and packages were loaded yet.
    const { run, calls } = runBinRecordingValidation(cdkContext);
    expect(run.status).toBe(0);
    // Two calls: the early start on the throwaway template, then the app's own template.
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({ configLoaded: true, kitLoaded: false, cdkNagLoaded: false });
    expect(calls[1]).toEqual({ configLoaded: true, kitLoaded: true, cdkNagLoaded: true });
  });

  test('a bad config is reported before the validation engine or the kit loads', () => {
    const bad = {
      ...cdkContext,
      brokerguard: { ...cdkContext.brokerguard, deployment: { tradingMode: 'real' } },
    };
    const { run, calls, loaded, outdir } = runBinRecordingValidation(bad);
    expect(run.status).toBe(1);
    // The error alone, naming the field, the value and what is allowed: no trace, no template.
    expect(run.stderr).toBe(
      'brokerguard: invalid configuration in cdk.json context "brokerguard":\n' +
        '  - deployment.tradingMode: got "real"; allowed: "paper", "live"\n',
    );
    expect(run.stdout).toBe('');
    expect(calls).toEqual([]);
    // Nothing heavy: not the kit's stack or packs, not cdk-nag, no aws-cdk-lib service module.
    const heavy =
      /\/dist\/lib\/stacks\/default-app\.js$|\/dist\/lib\/policy\/brokerguard-checks\.js$|node_modules\/cdk-nag\/|node_modules\/aws-cdk-lib\/aws-/;
    expect(loaded.some((m) => m.includes('/dist/lib/config/load.js'))).toBe(true);
    expect(loaded.filter((m) => heavy.test(m))).toEqual([]);
    expect(readdirSync(outdir)).toEqual([]);
  });

  test("the README's early-start modules load nothing of the kit but themselves", () => {
    // As a user's own app loads them first: by path in the built package.
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(root, 'dist/lib/policy/early-validation.js'))});
require(${JSON.stringify(join(root, 'dist/lib/stacks/resource-types.js'))});
process.stdout.write(JSON.stringify(Object.keys(require.cache)));`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const loaded: string[] = JSON.parse(run.stdout);
    expect(
      loaded.filter((m) => m.includes('/dist/lib/')).map((m) => m.replace(/.*\/dist\//, '')),
    ).toEqual(['lib/policy/early-validation.js', 'lib/stacks/resource-types.js']);
    expect(loaded.filter((m) => /node_modules\/(zod|cdk-nag|yaml)\//.test(m))).toEqual([]);
  });
});
