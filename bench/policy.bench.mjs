// Policy pack speed, measured against the built dist/ in this one run:
// 1. `brokerguard check` on a generated ~1,000-resource template (the hand-written compliant
//    template replicated with renamed ids), as a fresh CLI process and in-process.
//    Target: <= 3 s for the CLI process.
// 2. BrokerGuardChecks' share of the default app's synth: the time inside the pack's
//    validate() over the whole synth (construction + synth, built-in validation on, both packs).
//    Target: <= 10 %.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

// --- 1. check on a 1,000-resource template ---
const base = JSON.parse(readFileSync(join(root, 'test/fixtures/templates/compliant.json'), 'utf8'));
const ids = Object.keys(base.Resources);
const copies = Math.ceil(1000 / ids.length);
const resources = {};
for (let i = 0; i < copies; i++) {
  let text = JSON.stringify(base.Resources);
  // Whole-string logical ids (keys, Ref, GetAtt) and names get a copy number.
  for (const id of ids) text = text.replaceAll(`"${id}"`, `"${id}C${i}"`);
  text = text.replaceAll('paper/', `paper${i}/`).replaceAll('paper-', `paper${i}-`);
  Object.assign(resources, JSON.parse(text));
}
const count = Object.keys(resources).length;
mkdirSync(join(root, 'bench/out'), { recursive: true });
const templateFile = join(root, 'bench/out/policy-1000.template.json');
writeFileSync(templateFile, JSON.stringify({ Resources: resources }, null, 1));

const cliRuns = [];
for (let i = 0; i < rounds; i++) {
  const started = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [join(root, 'dist/bin/cli.js'), 'check', '--format', 'json', templateFile],
    {
      encoding: 'utf8',
    },
  );
  cliRuns.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (r.status !== 0)
    throw new Error(`check exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 2000)}`);
  const summary = JSON.parse(r.stdout).summary;
  if (summary.errors !== 0) throw new Error(`generated template has ${summary.errors} errors`);
}
const { checkTemplate } = require(join(root, 'dist/lib/policy/check/check-templates.js'));
const inProcess = [];
for (let i = 0; i < rounds; i++) {
  const started = process.hrtime.bigint();
  checkTemplate(templateFile);
  inProcess.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const cliMedian = median(cliRuns) / 1000;
console.log(
  `check on ${count} resources: CLI process median ${cliMedian.toFixed(2)} s (${cliRuns.map((x) => (x / 1000).toFixed(2)).join(', ')}), ` +
    `in-process median ${(median(inProcess) / 1000).toFixed(2)} s; target <= 3 s: ${cliMedian <= 3 ? 'met' : 'MISSED'}`,
);

// --- 2. the pack's share of the default app's synth ---
// A child process per round: the pack's validate() is wrapped to add up its own time.
const work = mkdtempSync(join(tmpdir(), 'bg-bench-policy-'));
const probe = join(work, 'probe.cjs');
writeFileSync(
  probe,
  `const { BrokerGuardChecks } = require(${JSON.stringify(join(root, 'dist/lib/policy/brokerguard-checks.js'))});
const { createDefaultApp } = require(${JSON.stringify(join(root, 'dist/lib/stacks/default-app.js'))});
let packMs = 0;
const validate = BrokerGuardChecks.prototype.validate;
BrokerGuardChecks.prototype.validate = function (ctx) {
  const t = process.hrtime.bigint();
  try { return validate.call(this, ctx); } finally { packMs += Number(process.hrtime.bigint() - t) / 1e6; }
};
const t0 = process.hrtime.bigint();
const { app } = createDefaultApp({ context: JSON.parse(process.env.BENCH_CONTEXT), outdir: process.env.BENCH_OUTDIR });
app.synth();
const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ packMs, totalMs }));
`,
);
const context = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;
const shares = [];
for (let i = 0; i < rounds; i++) {
  const r = spawnSync(process.execPath, [probe], {
    encoding: 'utf8',
    env: {
      ...process.env,
      BENCH_CONTEXT: JSON.stringify(context),
      BENCH_OUTDIR: mkdtempSync(join(work, 'out-')),
    },
  });
  if (r.status !== 0)
    throw new Error(`default app synth exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  shares.push(JSON.parse(r.stdout));
}
const share = median(shares.map((s) => s.packMs / s.totalMs)) * 100;
console.log(
  `BrokerGuardChecks share of default-app synth: median ${share.toFixed(1)} % ` +
    `(${shares.map((s) => `${s.packMs.toFixed(0)} of ${s.totalMs.toFixed(0)} ms`).join(', ')}); target <= 10 %: ${share <= 10 ? 'met' : 'MISSED'}`,
);
