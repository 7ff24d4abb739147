// Synth time of the default app divided by that of an empty aws-cdk-lib app (one stack whose
// only resource is a WaitConditionHandle), both in fresh node processes with built-in
// CloudFormation validation on and cdk.json's context, measured alternately in this one run
// (BENCH_ROUNDS rounds, default 5; medians). Target: ratio <= 1.5.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const context = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;
const work = mkdtempSync(join(tmpdir(), 'bg-bench-synth-'));
const emptyApp = join(work, 'empty-app.js');
writeFileSync(
  emptyApp,
  `const cdk = require(${JSON.stringify(join(root, 'node_modules/aws-cdk-lib'))});
const app = new cdk.App();
const stack = new cdk.Stack(app, 'Empty');
// CloudFormation rejects a template without resources: one that creates nothing.
new cdk.CfnWaitConditionHandle(stack, 'Nothing');
app.synth();
`,
);

// Reports the child's own CPU time (all threads) at exit: on a busy machine wall time swings
// with the load, CPU time much less.
const cpuReporter = join(work, 'cpu-report.cjs');
writeFileSync(
  cpuReporter,
  `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\nBENCH_CPU_MS=' + (u.user + u.system) / 1000 + '\\n'); });\n`,
);

// The default app's own template replayed as plain CfnResources: no kit code, only aws-cdk-lib
// and its built-in validation, started early as the default app starts it. Its time is what any
// app producing this template pays. The second replay adds the AwsSolutions pack the default app
// must run: its rules load every aws-cdk-lib service module they test for, whatever the template
// holds (they match no plain CfnResource, so its rule work is left out: a lower bound). The gap
// from there to the default app is the kit's own code and its BrokerGuardChecks pack.
const rawApp = join(work, 'raw-template-app.js');
const rawNagApp = join(work, 'raw-template-aws-solutions-app.js');
let rawTemplatePath;
const rawSource = (withNag) =>
  `const { startCloudFormationValidation } = require(${JSON.stringify(join(root, 'dist/lib/policy/early-validation.js'))});
const tpl = require(process.env.RAW_TEMPLATE);
const validation = startCloudFormationValidation([...new Set(Object.values(tpl.Resources).map((r) => r.Type))]);
const cdk = require(${JSON.stringify(join(root, 'node_modules/aws-cdk-lib'))});
const app = new cdk.App();
${
  withNag
    ? `const nag = require(${JSON.stringify(join(root, 'node_modules/cdk-nag'))});
cdk.Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));`
    : ''
}
if (validation) cdk.Validations.of(app).addPlugins(validation);
const stack = new cdk.Stack(app, 'Raw');
for (const [id, r] of Object.entries(tpl.Resources)) {
  new cdk.CfnResource(stack, id, { type: r.Type, properties: r.Properties }).overrideLogicalId(id);
}
app.synth();
`;
// The default app as it would run without lib/policy/early-validation.ts: aws-cdk-lib starts the
// validation engine at synth, after the kit has loaded. Not part of the ratio: it shows what
// starting early saves, in the same run.
const lateApp = join(work, 'default-app-engine-at-synth.js');
writeFileSync(
  lateApp,
  `const { createDefaultApp } = require(${JSON.stringify(join(root, 'dist/lib/stacks/default-app.js'))});
const { writeAccessMatrix } = require(${JSON.stringify(join(root, 'dist/lib/policy/access/access-matrix.js'))});
writeAccessMatrix(createDefaultApp().app.synth().directory);
`,
);
writeFileSync(rawApp, rawSource(false));
writeFileSync(rawNagApp, rawSource(true));

function timeRun(script, nodeArgs = []) {
  const outdir = mkdtempSync(join(work, 'out-'));
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeArgs, '-r', cpuReporter, script], {
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      RAW_TEMPLATE: rawTemplatePath ?? '',
    },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const cpu = Number(/BENCH_CPU_MS=([\d.]+)/.exec(r.stderr)?.[1]);
  return { ms, cpu, outdir };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const apps = {
  empty: { label: 'empty aws-cdk-lib app', script: emptyApp, runs: [] },
  default: { label: 'default app', script: join(root, 'dist/bin/brokerguard.js'), runs: [] },
  raw: { label: 'same template, no kit, no packs', script: rawApp, runs: [] },
  rawNag: { label: 'same template + AwsSolutions, no kit', script: rawNagApp, runs: [] },
  // Not part of the ratio: the gain of the early engine start, and the README's tip for small CI
  // runners, measured here.
  defaultLate: { label: 'default app, engine started at synth', script: lateApp, runs: [] },
  defaultStgc: {
    label: 'default app, node --single-threaded-gc',
    script: join(root, 'dist/bin/brokerguard.js'),
    nodeArgs: ['--single-threaded-gc'],
    runs: [],
  },
};
timeRun(emptyApp); // warm the file cache once
const first = timeRun(apps.default.script);
rawTemplatePath = join(first.outdir, 'brokerguard-paper.template.json');
// Interleaved, so a change in the machine's load reaches every app alike.
for (let i = 0; i < rounds; i++) {
  for (const app of Object.values(apps)) app.runs.push(timeRun(app.script, app.nodeArgs));
}
for (const key of ['ms', 'cpu']) {
  const what = key === 'ms' ? 'wall' : 'cpu ';
  const m = Object.fromEntries(
    Object.entries(apps).map(([k, a]) => [k, median(a.runs.map((x) => x[key]))]),
  );
  for (const a of Object.values(apps)) {
    const runs = a.runs.map((x) => (x[key] / 1000).toFixed(2)).join(', ');
    const med = median(a.runs.map((x) => x[key]));
    console.log(
      `${what} ${a.label.padEnd(38)} median ${(med / 1000).toFixed(2)} s (${runs}) = ${(med / m.empty).toFixed(2)} x empty`,
    );
  }
  console.log(`${what} ratio default/empty: ${(m.default / m.empty).toFixed(2)} (target <= 1.5)`);
  console.log(
    `${what}   of which the template's validation ${((m.raw - m.empty) / m.empty).toFixed(2)}, ` +
      `AwsSolutions ${((m.rawNag - m.raw) / m.empty).toFixed(2)}, ` +
      `kit code and BrokerGuardChecks ${((m.default - m.rawNag) / m.empty).toFixed(2)}`,
  );
}
rmSync(work, { recursive: true, force: true });
