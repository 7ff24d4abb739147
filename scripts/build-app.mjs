// The app's build: `npm run build`, and cdk.json's "build", which the CDK CLI runs before every
// `cdk synth` and `cdk deploy`. It brings dist/ up to date for the app only:
// - lib/ and bin/ through tsc with tsconfig.app.json (type-checked, incremental); test/ and
//   examples/ are type-checked by `npm run typecheck`, never here;
// - each handler bundle whose own sources changed (scripts/build-handlers.mjs).
// It does nothing when nothing changed since its last successful run: it compares every file
// under lib/ and bin/ and the shared inputs below with the stamp it wrote then (size and mtime
// first, a content hash when they differ), and checks that every output is still there.
// It writes only to stderr: the CDK CLI passes the build's stdout through to its own, and
// `cdk synth > template.yaml` must get the template alone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHandler, findHandlers } from './build-handlers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = 'dist/.build-app.json';
const STAMP_VERSION = 1;
const TSCONFIG = 'tsconfig.app.json';
const TS_BUILD_INFO = 'dist/.app.tsbuildinfo';
const SOURCE_DIRS = ['bin', 'lib'];
// What every output depends on besides lib/ and bin/: compiler settings, the installed
// packages (the lockfiles stand for node_modules), and this build itself.
const SHARED_INPUTS = [
  'tsconfig.json',
  TSCONFIG,
  'package-lock.json',
  'node_modules/.package-lock.json',
  'scripts/build-app.mjs',
  'scripts/build-handlers.mjs',
  'scripts/esbuild-node.mjs',
];

const log = (msg) => process.stderr.write(`build: ${msg}\n`);

function listFiles(dir, found = []) {
  if (!existsSync(join(root, dir))) return found;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) listFiles(path, found);
    else found.push(path);
  }
  return found;
}

/** [size, mtimeMs, sha256] of a file, reusing the stamp's hash while size and mtime match. */
function fingerprint(path, old) {
  const st = statSync(join(root, path), { throwIfNoEntry: false });
  if (!st) return undefined;
  if (old && old[0] === st.size && old[1] === st.mtimeMs) return old;
  const hash = createHash('sha256')
    .update(readFileSync(join(root, path)))
    .digest('hex');
  return [st.size, st.mtimeMs, hash];
}

function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
    return stamp.version === STAMP_VERSION ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** The JavaScript file tsc writes for a source file, or undefined for a non-emitting file. */
function emittedFile(path) {
  if (!path.endsWith('.ts') || path.endsWith('.d.ts')) return undefined;
  return `dist/${path.slice(0, -'.ts'.length)}.js`;
}

const stamp = readStamp();
const oldFiles = stamp?.files ?? {};
const files = {};
const sources = SOURCE_DIRS.flatMap((dir) => listFiles(dir));
for (const path of [...sources, ...SHARED_INPUTS]) {
  const fp = fingerprint(path, oldFiles[path]);
  if (fp) files[path] = fp;
}
const changed = new Set(
  [...new Set([...Object.keys(oldFiles), ...Object.keys(files)])].filter(
    (path) => oldFiles[path]?.[2] !== files[path]?.[2],
  ),
);
const sharedChanged = !stamp || SHARED_INPUTS.some((path) => changed.has(path));

// --- lib/ and bin/ ---
const missingOutputs = sources
  .map(emittedFile)
  .filter((out) => out && !existsSync(join(root, out)));
const sourcesChanged = [...changed].some((path) =>
  SOURCE_DIRS.some((d) => path.startsWith(`${d}/`)),
);
if (sharedChanged || sourcesChanged || missingOutputs.length > 0) {
  // tsc's incremental build re-emits only what changed; it does not notice a deleted output.
  if (missingOutputs.length > 0) rmSync(join(root, TS_BUILD_INFO), { force: true });
  log(`tsc -p ${TSCONFIG} (lib/ and bin/)`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', TSCONFIG], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (run.status !== 0) {
    log(`tsc failed (exit ${run.status ?? run.signal}); nothing is synthesized from a stale build`);
    process.exit(1);
  }
}

// --- handler bundles ---
const handlers = findHandlers(root);
const oldHandlers = stamp?.handlers ?? {};
const builtHandlers = {};
const sizesPath = join(root, 'dist/handlers/sizes.json');
let sizes = {};
try {
  sizes = JSON.parse(readFileSync(sizesPath, 'utf8'));
} catch {
  // rebuilt below from the handlers that are bundled
}
let handlersChanged = false;
for (const name of Object.keys(oldHandlers)) {
  if (!handlers.has(name)) {
    rmSync(join(root, 'dist/handlers', name), { recursive: true, force: true });
    delete sizes[name];
    handlersChanged = true;
  }
}
for (const [name, file] of handlers) {
  const old = oldHandlers[name];
  const stale =
    sharedChanged ||
    !old ||
    old.file !== file ||
    sizes[name] === undefined ||
    !existsSync(join(root, 'dist/handlers', name, 'index.js')) ||
    old.inputs.some((path) => changed.has(path));
  if (!stale) {
    builtHandlers[name] = old;
    continue;
  }
  log(`esbuild ${file} -> dist/handlers/${name}/index.js`);
  try {
    const { size, inputs } = await bundleHandler(root, name, file);
    sizes[name] = size;
    builtHandlers[name] = { file, inputs };
    handlersChanged = true;
  } catch (err) {
    log(`bundling ${file} failed: ${err.message}`);
    process.exit(1);
  }
}
if (handlersChanged) {
  const sorted = Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b)));
  mkdirSync(join(root, 'dist/handlers'), { recursive: true });
  writeFileSync(sizesPath, JSON.stringify(sorted, null, 2) + '\n');
  log(
    'handler sizes: ' +
      Object.entries(sorted)
        .map(([n, s]) => `${n} ${(s / 1024).toFixed(0)} KB`)
        .join(', '),
  );
}

// Fingerprints taken before building: a file edited during the build is stale next time.
// A file touched but not changed gets its new mtime recorded, so it is not hashed again.
const touched = Object.keys(files).some((path) => files[path] !== oldFiles[path]);
if (!stamp || touched || changed.size > 0 || handlersChanged || missingOutputs.length > 0) {
  writeFileSync(
    join(root, STAMP),
    JSON.stringify({ version: STAMP_VERSION, files, handlers: builtHandlers }),
  );
}
