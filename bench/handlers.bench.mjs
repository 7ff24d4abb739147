// Handler bundles: the size of every dist/handlers/*/index.js (targets: ≤ 500 KB minified
// each), and the IBKR rotation handler's cold start — a fresh node process that loads the
// bundle and runs its first invocation (createSecret: a full live session token mint) against
// the Secrets Manager and IBKR doubles — beside a bare `node -e 0` start measured in the same
// run (target: ≤ 3×). AWS SDK clients are bundled on purpose: the Lambda runtime's copy is not
// pinned, and a rotation function must behave the same on every cold start.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const SIZE_TARGET_KB = 500;
const COLD_START_TARGET = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function need(path, what) {
  if (!existsSync(path)) {
    console.error(`${path} is missing (${what}): run \`npm run build\` first`);
    process.exit(1);
  }
}

// --- sizes ---
const sizesPath = join(root, 'dist/handlers/sizes.json');
need(sizesPath, 'written by scripts/build-app.mjs');
const sizes = JSON.parse(readFileSync(sizesPath, 'utf8'));
console.log(
  `handler bundle sizes (target ≤ ${SIZE_TARGET_KB} KB minified, AWS SDK clients bundled):`,
);
let oversize = 0;
for (const [name, bytes] of Object.entries(sizes).sort()) {
  const kb = bytes / 1024;
  if (kb > SIZE_TARGET_KB) oversize++;
  console.log(
    `  ${name.padEnd(26)} ${kb.toFixed(0).padStart(5)} KB  ${(kb / SIZE_TARGET_KB).toFixed(2)}× target${kb > SIZE_TARGET_KB ? '  OVER' : ''}`,
  );
}

// --- cold start ---
const bundle = join(root, 'dist/handlers/ibkr-session-rotation/index.js');
need(bundle, 'the rotation handler bundle');
// The build emits lib/ and bin/ only: the two doubles are transpiled here, into bench/out/
// (inside the repository, so their packages resolve from its node_modules).
const { build } = await import('esbuild');
const doublesDir = join(root, 'bench/out/doubles');
await build({
  absWorkingDir: root,
  entryPoints: ['test/doubles/ibkr-double.ts', 'test/doubles/secrets-manager-double.ts'],
  outdir: doublesDir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const { IbkrDouble, createTestAccount } = require(join(doublesDir, 'ibkr-double.js'));
const { SecretsManagerDouble } = require(join(doublesDir, 'secrets-manager-double.js'));

const account = createTestAccount();
const ibkr = new IbkrDouble(account);
const sm = new SecretsManagerDouble();
await ibkr.start();
await sm.start();
sm.createSecret({
  Name: 'bench/automation/ibkr-session-issuer',
  SecretString: JSON.stringify({ ...account.issuerSecret, baseUrl: ibkr.baseUrl }),
});

/** Wall time of one child process, in ms; the doubles keep serving while it runs. */
function timeChild(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`child exited ${code}: ${out}`));
      else resolve({ ms, out });
    });
  });
}

const childCode = `
const t0 = performance.now();
const { handler } = require(${JSON.stringify(bundle)});
const loaded = performance.now();
handler({ Step: 'createSecret', SecretId: process.env.SECRET, ClientRequestToken: process.env.TOKEN })
  .then(() => process.stdout.write('\\nBENCH ' + JSON.stringify({ loadMs: loaded - t0, invokeMs: performance.now() - loaded })));
`;

const bare = [];
const cold = [];
const inner = [];
for (let i = 0; i < RUNS; i++) {
  bare.push((await timeChild(['-e', '0'])).ms);
  const secret = `bench/automation/ibkr-session-${i}`;
  sm.createSecret({ Name: secret, SecretString: '{}', RotationLambdaARN: 'arn:aws:lambda:bench' });
  sm.rotate({ SecretId: secret, ClientRequestToken: `token-${i}` });
  const r = await timeChild(['-e', childCode], {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
    ISSUER_SECRET_ID: 'bench/automation/ibkr-session-issuer',
    SECRET: secret,
    TOKEN: `token-${i}`,
  });
  if (!sm.valueAt(secret, 'AWSPENDING'))
    throw new Error('the cold-started handler stored no pending token');
  cold.push(r.ms);
  inner.push(JSON.parse(r.out.split('\nBENCH ').pop()));
}
await sm.stop();
await ibkr.stop();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bareMs = median(bare);
const coldMs = median(cold);
const ratio = coldMs / bareMs;
console.log(`\nibkr-session-rotation cold start (median of ${RUNS}, fresh node process each):`);
console.log(`  bare \`node -e 0\`                 ${bareMs.toFixed(1).padStart(7)} ms`);
console.log(`  load bundle + first createSecret ${coldMs.toFixed(1).padStart(7)} ms`);
console.log(
  `    of which module load            ${median(inner.map((x) => x.loadMs))
    .toFixed(1)
    .padStart(7)} ms`,
);
console.log(
  `    of which first invocation       ${median(inner.map((x) => x.invokeMs))
    .toFixed(1)
    .padStart(7)} ms`,
);
console.log(
  `  ratio ${ratio.toFixed(2)}× a bare start (target ≤ ${COLD_START_TARGET}×)${ratio > COLD_START_TARGET ? '  OVER' : ''}`,
);
// Measurements, not a gate (bench/run.mjs): targets missed are marked OVER above.
if (oversize) console.log(`\n${oversize} bundle(s) over the ${SIZE_TARGET_KB} KB target.`);
