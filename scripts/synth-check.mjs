// The synth gate of `npm test`: runs the default app exactly as `cdk synth` would (context from
// cdk.json, built-in CloudFormation validation on) into a fresh directory, and fails unless it
// exits 0 with zero violations in validation-report.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
function fail(msg) {
  console.error(`synth check FAILED: ${msg}`);
  console.error(run.stdout, run.stderr);
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
rmSync(outdir, { recursive: true, force: true });
