// The synth times a user waits, in fresh processes with built-in CloudFormation validation on and
// cdk.json's context, measured alternately in this one run (BENCH_ROUNDS rounds, default 5;
// medians, wall and CPU). Three ratios, each with its target:
// (a) `npx cdk synth` on an unchanged tree (the real CLI, its build hook included) / the app's
//     own synth (`node dist/bin/brokerguard.js`): <= 1.3;
// (b) the app reporting a bad config / the app's own synth: <= 0.5;
// (c) the app's own synth / an empty aws-cdk-lib app's (one stack whose only resource is a
//     WaitConditionHandle): <= 1.5.
// BENCH_BREAKDOWN=1 adds, in the same rounds, the parts of (c) and two variants of the app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { parse: parseYaml } = createRequire(import.meta.url)('yaml');
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

// Reports each node process's own CPU time (all threads) at exit, through NODE_OPTIONS so the
// CDK CLI, its build hook and the app each report theirs: on a busy machine wall time swings
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
// The default app in its order before the config was read first: the engine started, then the
// kit loaded and the config read. Not part of the ratios: it shows what reading the config
// before the engine costs the synth, in the same run.
const engineFirstApp = join(work, 'default-app-engine-before-config.js');
writeFileSync(
  engineFirstApp,
  `const { startCloudFormationValidation } = require(${JSON.stringify(join(root, 'dist/lib/policy/early-validation.js'))});
const { BROKERGUARD_RESOURCE_TYPES } = require(${JSON.stringify(join(root, 'dist/lib/stacks/resource-types.js'))});
const templateValidation = startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES);
const { createDefaultApp } = require(${JSON.stringify(join(root, 'dist/lib/stacks/default-app.js'))});
const { writeAccessMatrix } = require(${JSON.stringify(join(root, 'dist/lib/policy/access/access-matrix.js'))});
writeAccessMatrix(createDefaultApp({}, { templateValidation }).app.synth().directory);
`,
);
writeFileSync(rawApp, rawSource(false));
writeFileSync(rawNagApp, rawSource(true));

// The default app's context with one bad value: what a typo in cdk.json costs to report.
const badContext = {
  ...context,
  brokerguard: {
    ...context.brokerguard,
    deployment: { ...context.brokerguard.deployment, tradingMode: 'real' },
  },
};
// aws-cdk-lib's public CloudFormationValidatePlugin, wrapped to print the heap in use when its
// first validation (which starts the engine) begins: the engine's start costs more the bigger
// the heap is.
const heapReporter = join(work, 'heap-report.cjs');
writeFileSync(
  heapReporter,
  `const { CloudFormationValidatePlugin } = require(${JSON.stringify(join(root, 'node_modules/aws-cdk-lib'))});
const validate = CloudFormationValidatePlugin.prototype.validate;
let first = true;
CloudFormationValidatePlugin.prototype.validate = function (...args) {
  if (first) {
    first = false;
    process.stderr.write('\\nBENCH_HEAP_MB=' + process.memoryUsage().heapUsed / 1e6 + '\\n');
  }
  return validate.apply(this, args);
};
`,
);

function timeRun(app, extraNodeOptions = []) {
  const outdir = mkdtempSync(join(work, 'out-'));
  const command = app.command ?? [process.execPath, ...(app.nodeArgs ?? []), app.script];
  const args = typeof app.args === 'function' ? app.args(outdir) : (app.args ?? []);
  const nodeOptions = ['-r', cpuReporter, ...extraNodeOptions];
  const started = process.hrtime.bigint();
  const r = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...nodeOptions].join(' ').trim(),
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(app.context ?? context),
      RAW_TEMPLATE: rawTemplatePath ?? '',
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const expected = app.exitCode ?? 0;
  if (r.status !== expected) {
    throw new Error(
      `${app.label} exited ${r.status}, expected ${expected}: ${r.stderr.slice(0, 2000)}`,
    );
  }
  app.check?.(r);
  // Every node process in the run reports its CPU time: the CLI, its build hook, the app.
  const cpu = [...r.stderr.matchAll(/BENCH_CPU_MS=([\d.]+)/g)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  const heap = Number(/BENCH_HEAP_MB=([\d.]+)/.exec(r.stderr)?.[1]);
  return { ms, cpu, heap, outdir };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const breakdown = process.env.BENCH_BREAKDOWN === '1';
const defaultApp = join(root, 'dist/bin/brokerguard.js');
const apps = {
  empty: { label: 'empty aws-cdk-lib app', script: emptyApp, runs: [] },
  default: { label: "default app's own synth", script: defaultApp, runs: [] },
  cli: {
    label: '`npx cdk synth`, unchanged tree',
    command: ['npx', 'cdk', 'synth'],
    // A fresh output directory per run, as the app's own synth gets.
    args: (outdir) => ['--output', outdir],
    check(r) {
      // The build hook must have found nothing to do, and stdout must be the template alone.
      if (/^build: /m.test(r.stderr)) {
        throw new Error(`the tree changed during the bench; the build hook ran:\n${r.stderr}`);
      }
      const template = parseYaml(r.stdout);
      if (!template?.Resources || Object.keys(template.Resources).length === 0) {
        throw new Error(`npx cdk synth wrote no template to stdout:\n${r.stdout.slice(0, 500)}`);
      }
    },
    runs: [],
  },
  // (a) less the app: the CLI reading an assembly already written (`--app DIR` skips the app but
  // not the build hook), and the build hook alone. Not ratios: they show where (a) goes.
  cliNoApp: {
    label: '`npx cdk synth --app DIR`, no app run',
    command: ['npx', 'cdk', 'synth'],
    args: () => ['--app', appOutdir],
    runs: [],
  },
  hook: {
    label: 'build hook alone, unchanged tree',
    script: join(root, 'scripts/build-app.mjs'),
    check(r) {
      if (r.stderr.includes('build: ')) throw new Error(`the build hook ran:\n${r.stderr}`);
    },
    runs: [],
  },
  badConfig: {
    label: 'default app, bad config reported',
    script: defaultApp,
    context: badContext,
    exitCode: 1,
    check(r) {
      if (!r.stderr.includes('deployment.tradingMode: got "real"')) {
        throw new Error(`the bad config was not reported: ${r.stderr.slice(0, 500)}`);
      }
    },
    runs: [],
  },
};
if (breakdown) {
  Object.assign(apps, {
    raw: { label: 'same template, no kit, no packs', script: rawApp, runs: [] },
    rawNag: { label: 'same template + AwsSolutions, no kit', script: rawNagApp, runs: [] },
    defaultLate: { label: 'default app, engine started at synth', script: lateApp, runs: [] },
    defaultEngineFirst: {
      label: 'default app, engine before config',
      script: engineFirstApp,
      runs: [],
    },
    defaultStgc: {
      label: 'default app, node --single-threaded-gc',
      script: defaultApp,
      nodeArgs: ['--single-threaded-gc'],
      runs: [],
    },
  });
}

// Warm the file cache, make sure the tree is built (the CLI runs below must find nothing to
// build), and take the default template for the replays.
timeRun(apps.empty);
const build = spawnSync(process.execPath, [join(root, 'scripts/build-app.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('scripts/build-app.mjs failed');
const first = timeRun(apps.default);
const appOutdir = first.outdir;
rawTemplatePath = join(first.outdir, 'brokerguard-paper.template.json');
// The heap when the validation engine starts, in the default app and in the empty one.
const heapAtStart = {
  default: timeRun(apps.default, ['-r', heapReporter]).heap,
  empty: timeRun(apps.empty, ['-r', heapReporter]).heap,
};
// Interleaved, so a change in the machine's load reaches every app alike.
for (let i = 0; i < rounds; i++) {
  for (const app of Object.values(apps)) app.runs.push(timeRun(app));
}

const fmt = (x) => x.toFixed(2);
for (const key of ['ms', 'cpu']) {
  const what = key === 'ms' ? 'wall' : 'cpu ';
  const m = Object.fromEntries(
    Object.entries(apps).map(([k, a]) => [k, median(a.runs.map((x) => x[key]))]),
  );
  console.log('');
  for (const a of Object.values(apps)) {
    const runs = a.runs.map((x) => fmt(x[key] / 1000)).join(', ');
    const med = median(a.runs.map((x) => x[key]));
    console.log(
      `${what} ${a.label.padEnd(38)} median ${fmt(med / 1000)} s (${runs}) = ${fmt(med / m.default)} x default`,
    );
  }
  const ratio = (label, value, target) =>
    console.log(
      `${what} ${label.padEnd(54)} ${fmt(value)} (target <= ${target})${value > target ? '  OVER' : ''}`,
    );
  ratio('(a) npx cdk synth, unchanged tree / own synth', m.cli / m.default, 1.3);
  // Where (a) goes: the CDK CLI's own cost (npx, loading its bundle, reading the assembly and
  // printing the template) is what `--app DIR` measures; the rest is the build hook and the app.
  console.log(
    `${what}   (a) split: CDK CLI alone ${fmt(m.cliNoApp / m.default)}, ` +
      `build hook ${fmt(m.hook / m.default)}, ` +
      `rest (app as the CLI runs it, less its own synth) ${fmt((m.cli - m.cliNoApp - m.hook - m.default) / m.default)}`,
  );
  // The least (a) can be for any app run by the CDK CLI: the CLI's own cost (npx and its bundle)
  // is the same whatever the app does, so (a) >= 1 + CLI / own synth. With (c) at its target,
  // own synth <= 1.5 x the empty app, which puts this floor at 1 + CLI / (1.5 x empty).
  console.log(
    `${what}   (a) floor for any app: with this own synth ${fmt(1 + m.cliNoApp / m.default)}, ` +
      `with own synth at (c)'s limit ${fmt(1 + m.cliNoApp / (1.5 * m.empty))}`,
  );
  ratio('(b) bad config reported / own synth', m.badConfig / m.default, 0.5);
  ratio('(c) own synth / empty aws-cdk-lib app', m.default / m.empty, 1.5);
  if (breakdown) {
    console.log(
      `${what}   (c) split: the template's validation ${fmt((m.raw - m.empty) / m.empty)}, ` +
        `AwsSolutions ${fmt((m.rawNag - m.raw) / m.empty)}, ` +
        `kit code and BrokerGuardChecks ${fmt((m.default - m.rawNag) / m.empty)}`,
    );
    // What (c) would be for an app with no code of its own that synthesizes the same template
    // and runs the packs DESIGN.md requires at synth: the floor the kit's own code adds to.
    console.log(
      `${what}   (c) floor, same template + AwsSolutions with no kit code: ${fmt(m.rawNag / m.empty)}`,
    );
  }
}
console.log(
  `\nheap in use when the validation engine starts: default app ${heapAtStart.default.toFixed(1)} MB ` +
    `(config read and validated first), empty app ${heapAtStart.empty.toFixed(1)} MB`,
);
rmSync(work, { recursive: true, force: true });
