// `npm run verify:package`: the package as a user gets it. Packs the built tree (npm test builds
// and bundles first; this script does not rebuild), installs the tarball into a fresh app
// together with the peers at the versions in package-lock.json, and then, in that app:
//   - compiles every examples/*.ts with the app's own tsc (an example may import the kit only
//     through its package entry points, never by relative path or a dist/ path);
//   - runs each example as a CDK app and requires 0 policy violations in its validation report;
//   - runs `npx brokerguard check` on every template they synthesized (a Stage's nested
//     assembly included), and on each example's cdk.out as a directory;
//   - loads `brokerguard/runtime` from plain Node, with require() and with import.
// Each step prints its time. `--keep` leaves the temporary directory for inspection.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const keep = process.argv.includes('--keep');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

const started = Date.now();
let stepStarted = started;
function step(name) {
  const now = Date.now();
  if (name) console.log(`verify-package: ${name} (${((now - stepStarted) / 1000).toFixed(1)} s)`);
  stepStarted = now;
}
function fail(message) {
  console.error(`verify-package: FAILED: ${message}`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.error(`verify-package: kept ${work}`);
  process.exit(1);
}
/** Runs a command in the app; fails the check with its output when it exits non-zero. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', ...options });
  if (r.status !== 0) {
    fail(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}
/** The version package-lock.json pins, so npm's cache serves the same package CI tested. */
function locked(name) {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${entry.version}`;
}

for (const built of ['dist/lib/index.js', ...Object.values(pkg.bin), 'dist/bundle/runtime.js']) {
  if (!existsSync(join(root, built))) {
    console.error(`verify-package: ${built} is missing: run npm run build && npm run bundle first`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'brokerguard-package-'));
const app = join(work, 'app');
mkdirSync(app);

// 1. Pack, as `npm publish` would (scripts skipped: the tree is already built).
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  }),
);
const tarball = join(work, packed.filename);
step(
  `npm pack: ${packed.filename}, ${(packed.size / 1024).toFixed(0)} KB packed, ` +
    `${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.entryCount} files`,
);

// 2. A fresh app, as `cdk init app --language typescript` lays one out.
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({ name: 'my-trading-app', version: '0.1.0', private: true }, null, 2) + '\n',
);
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        lib: ['es2022'],
        strict: true,
        noImplicitReturns: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.ts'],
    },
    null,
    2,
  ) + '\n',
);
const peers = Object.keys(pkg.peerDependencies).map(locked);
run(npm, ['install', ...NPM_QUIET, tarball, ...peers, locked('typescript'), locked('@types/node')]);
step(`npm install of the tarball with ${peers.join(', ')}`);

// One copy of each peer: a second aws-cdk-lib makes AwsSolutions skip the kit's resources.
for (const name of Object.keys(pkg.peerDependencies)) {
  if (existsSync(join(app, 'node_modules/brokerguard/node_modules', name))) {
    fail(`the package installed its own copy of ${name}; it must use the app's`);
  }
}
for (const name of pkg.bundledDependencies ?? []) {
  if (!existsSync(join(app, 'node_modules/brokerguard/node_modules', name, 'package.json'))) {
    fail(`bundled dependency ${name} is not inside the installed package`);
  }
}

// 3. The examples, with the imports a user may write.
const entryPoints = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'));
if (examples.length === 0) fail('examples/ holds no .ts file');
for (const file of examples) {
  const source = readFileSync(join(root, 'examples', file), 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)'([^']+)'/gm),
  ].map((m) => m[1]);
  for (const s of specifiers) {
    const kitPath = s === pkg.name || s.startsWith(`${pkg.name}/`);
    if (s.startsWith('.') || s.startsWith('/') || (kitPath && !entryPoints.includes(s))) {
      fail(
        `examples/${file} imports "${s}": an example may import the kit only as ${entryPoints.join(' or ')}`,
      );
    }
  }
  copyFileSync(join(root, 'examples', file), join(app, file));
}
// A trading server's code, typed against brokerguard/runtime: with `module: commonjs` tsc
// resolves it through package.json typesVersions, as older TypeScript setups do.
writeFileSync(
  join(app, 'trading-server.ts'),
  `import { AutomationSwitch, LoginEventEmitter, SessionTokenProvider } from 'brokerguard/runtime';
const ibkr = new SessionTokenProvider({ secretId: 'paper/automation/ibkr-session' });
const paused = new AutomationSwitch({ deploymentName: 'paper' });
const login = new LoginEventEmitter({ segment: 'automation', write: (line) => process.stdout.write(line) });
login.heartbeat('started');
void ibkr;
void paused;
`,
);
run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']);
step(
  `tsc: ${examples.length} example(s) and a trading server compiled against the installed package`,
);

// 4. Each example as a CDK app (what `cdk synth` runs), with the policy packs as plugins.
/** Stack templates of a cloud assembly, relative to it: a Stage writes its own in assembly-<id>/. */
function stackTemplates(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    if (e.isFile() && e.name.endsWith('.template.json')) return [join(prefix, e.name)];
    if (e.isDirectory() && e.name.startsWith('assembly-'))
      return stackTemplates(dir, join(prefix, e.name));
    return [];
  });
}
const templates = [];
for (const file of examples) {
  const name = basename(file, '.ts');
  const outdir = join(work, `cdk.out-${name}`);
  run(process.execPath, [`${name}.js`], { env: { ...process.env, CDK_OUTDIR: outdir } });
  const reportFile = join(outdir, 'validation-report.json');
  if (!existsSync(reportFile))
    fail(`examples/${file} wrote no validation report: no policy plugin ran`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const violations = report.pluginReports.flatMap((p) => p.violations);
  if (violations.length > 0) {
    fail(
      `examples/${file}: ${violations.length} policy violation(s):\n` +
        violations.map((v) => `  ${v.ruleName}: ${v.description}`).join('\n'),
    );
  }
  const synthesized = stackTemplates(outdir);
  if (synthesized.length === 0) fail(`examples/${file} synthesized no template`);
  templates.push(...synthesized.map((f) => join(outdir, f)));
  step(
    `examples/${file}: synthesized ${synthesized.join(', ')}; 0 violations in its validation report`,
  );
}

// 5. The CLI from the installed package, on what the examples synthesized.
const checked = run(npm, ['exec', '--offline', '--', 'brokerguard', 'check', ...templates]);
step(`npx brokerguard check: ${templates.length} template(s), exit 0`);
process.stdout.write(`${checked.stdout.trimEnd().replace(/^/gm, '  ')}\n`);
// A cdk.out directory as CI passes it: the nested assemblies of stages are read too.
const outdirs = examples.map((file) => join(work, `cdk.out-${basename(file, '.ts')}`));
const byDirectory = run(npm, ['exec', '--offline', '--', 'brokerguard', 'check', ...outdirs]);
const counted = /in (\d+) templates?/.exec(byDirectory.stdout);
if (!counted || Number(counted[1]) !== templates.length) {
  fail(
    `brokerguard check on the cdk.out directories read ${counted?.[1]} template(s), not ${templates.length}`,
  );
}
step(
  `npx brokerguard check on ${outdirs.length} cdk.out directories: the same ${templates.length} template(s), exit 0`,
);

// 6. The runtime entry from plain Node: nothing but the bundle loads.
const probe = `const loaded = Object.keys(require.cache).filter((f) => !f.endsWith('runtime.js'));
  if (typeof rt.SessionTokenProvider !== 'function' || typeof rt.AutomationSwitch !== 'function'
    || typeof rt.LoginEventEmitter !== 'function') throw new Error('exports missing');
  if (loaded.length) throw new Error('also loaded: ' + loaded.join(', '));`;
run(process.execPath, ['-e', `const rt = require('brokerguard/runtime'); ${probe}`]);
run(process.execPath, [
  '--input-type=module',
  '-e',
  `import { SessionTokenProvider, AutomationSwitch, LoginEventEmitter } from 'brokerguard/runtime';
   import { createRequire } from 'node:module';
   const require = createRequire(process.cwd() + '/');
   const rt = { SessionTokenProvider, AutomationSwitch, LoginEventEmitter }; ${probe}`,
]);
const server = run(process.execPath, ['trading-server.js']);
if (!/"session_healthy"/.test(server.stdout)) {
  fail(`trading-server.js wrote no login event:\n${server.stdout}`);
}
step('brokerguard/runtime: require() and import load the bundle alone; a typed server runs');

if (keep) console.log(`verify-package: kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`verify-package: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
