// The synth gate of `npm test`:
// 1. runs the default app exactly as `cdk synth` would (context from cdk.json, built-in
//    CloudFormation validation on) into a fresh directory, and fails unless it exits 0 with
//    zero violations in validation-report.json;
// 2. runs the real CDK CLI, `npx cdk synth` with cdk.json's build hook, and fails unless its
//    stdout alone parses as YAML into the same template (`npx cdk synth > template.yaml`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const { parse: parseYaml } = createRequire(import.meta.url)('yaml');

const root = new URL('..', import.meta.url).pathname;
const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8'));
const outdir = mkdtempSync(join(tmpdir(), 'brokerguard-synth-'));
const started = Date.now();
const run = spawnSync(process.execPath, [join(root, 'dist/bin/brokerguard.js')], {
  cwd: root,
  env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context) },
  encoding: 'utf8',
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
function fail(msg, from = run) {
  console.error(`synth check FAILED: ${msg}`);
  console.error(from.stdout, from.stderr);
  process.exit(1);
}
if (run.status !== 0) fail(`the default app exited ${run.status}`);
const reportPath = join(outdir, 'validation-report.json');
if (!existsSync(reportPath)) fail('no validation-report.json was written');
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const violations = report.pluginReports.flatMap((p) =>
  p.violations.map((v) => `${p.pluginName}: ${v.ruleName}`),
);
if (violations.length > 0) fail(`violations: ${violations.join(', ')}`);
const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
if (templates.length === 0) fail('no template was written');
const suppressed = report.pluginReports.reduce(
  (n, p) => n + (p.suppressedViolations?.length ?? 0),
  0,
);
const plugins = report.pluginReports.map((p) => p.pluginName).join(', ');
console.log(
  `synth check: ${templates.join(', ')} in ${seconds} s; plugins ${plugins}; 0 violations, ${suppressed} acknowledged with reasons`,
);

// One handler bundle removed, so the build hook has work to do and prints about it: that
// output must go to stderr, not into the template.
const rebuilt = Object.keys(
  JSON.parse(readFileSync(join(root, 'dist/handlers/sizes.json'), 'utf8')),
)[0];
rmSync(join(root, 'dist/handlers', rebuilt), { recursive: true, force: true });
const cliOutdir = mkdtempSync(join(tmpdir(), 'brokerguard-cli-synth-'));
const cli = spawnSync('npx', ['cdk', 'synth', '--output', cliOutdir], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (cli.status !== 0) fail(`npx cdk synth exited ${cli.status}`, cli);
if (!cli.stderr.includes(`build: esbuild`) || !existsSync(join(root, 'dist/handlers', rebuilt))) {
  fail(`the build hook did not rebuild dist/handlers/${rebuilt}`, cli);
}
let fromStdout;
try {
  fromStdout = parseYaml(cli.stdout);
} catch (err) {
  fail(`npx cdk synth's stdout is not YAML: ${err.message}`, cli);
}
const written = JSON.parse(readFileSync(join(cliOutdir, templates[0]), 'utf8'));
// The CLI leaves the bootstrap-version check rule out of what it prints, and only that.
delete written.Rules?.CheckBootstrapVersion;
if (written.Rules && Object.keys(written.Rules).length === 0) delete written.Rules;
if (!isDeepStrictEqual(fromStdout, written)) {
  fail(
    `npx cdk synth's stdout is not the template it wrote to ${templates[0]} (less the CLI's bootstrap-version rule)`,
    cli,
  );
}
console.log(
  `synth check: npx cdk synth > template.yaml gives ${templates[0]} as YAML (${Object.keys(written.Resources).length} resources), with the build hook's output (it rebuilt ${rebuilt}) on stderr`,
);
rmSync(outdir, { recursive: true, force: true });
rmSync(cliOutdir, { recursive: true, force: true });
