// Synth time of the default app divided by that of an empty aws-cdk-lib app (one stack whose
// only resource is a WaitConditionHandle), both in fresh node processes with built-in CloudFormation validation on, measured
// alternately in this one run. Target: ratio <= 1.5.
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

// The default app's own template replayed as plain CfnResources: no kit code, no policy packs,
// only aws-cdk-lib and its built-in validation. Its time is the floor any app producing this
// template pays; the gap to the default app is what the kit and the packs add.
const rawApp = join(work, 'raw-template-app.js');
let rawTemplatePath;
writeFileSync(
  rawApp,
  `const cdk = require(${JSON.stringify(join(root, 'node_modules/aws-cdk-lib'))});
const tpl = require(process.env.RAW_TEMPLATE);
const app = new cdk.App();
const stack = new cdk.Stack(app, 'Raw');
for (const [id, r] of Object.entries(tpl.Resources)) {
  new cdk.CfnResource(stack, id, { type: r.Type, properties: r.Properties }).overrideLogicalId(id);
}
app.synth();
`,
);

function timeRun(script) {
  const outdir = mkdtempSync(join(work, 'out-'));
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', cpuReporter, script], {
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
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const defaults = [];
const empties = [];
const raws = [];
timeRun(emptyApp); // warm the file cache once
const first = timeRun(join(root, 'dist/bin/brokerguard.js'));
rawTemplatePath = join(first.outdir, 'brokerguard-paper.template.json');
for (let i = 0; i < rounds; i++) {
  empties.push(timeRun(emptyApp));
  defaults.push(timeRun(join(root, 'dist/bin/brokerguard.js')));
  raws.push(timeRun(rawApp));
}
const fmt = (runs, key) => runs.map((x) => (x[key] / 1000).toFixed(2)).join(', ');
for (const key of ['ms', 'cpu']) {
  const what = key === 'ms' ? 'wall' : 'cpu ';
  const d = median(defaults.map((x) => x[key]));
  const e = median(empties.map((x) => x[key]));
  console.log(
    `${what} default app synth: median ${(d / 1000).toFixed(2)} s over ${rounds} runs (${fmt(defaults, key)})`,
  );
  console.log(
    `${what} empty app synth:   median ${(e / 1000).toFixed(2)} s over ${rounds} runs (${fmt(empties, key)})`,
  );
  const r = median(raws.map((x) => x[key]));
  console.log(
    `${what} same template, no kit: median ${(r / 1000).toFixed(2)} s (${fmt(raws, key)})`,
  );
  console.log(`${what} ratio default/empty: ${(d / e).toFixed(2)} (target <= 1.5)`);
  console.log(
    `${what}   of which the template's own validation: ${(r / e).toFixed(2)}; kit code and packs: ${((d - r) / e).toFixed(2)}`,
  );
}
rmSync(work, { recursive: true, force: true });
