// Bundles every lib/**/<name>.lambda.ts into dist/handlers/<name>/index.js.
// Handlers are bundled here, at build time, so a user's `cdk synth` never bundles and never
// needs Docker. AWS SDK v3 clients are bundled on purpose: the Lambda runtime's copy is not
// pinned, and a rotation function must behave the same on every cold start. A handler may
// leave one package to the runtime with a line `// bundle-external: <package> -- <reason>`;
// the reason is required and printed.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, basename, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function findHandlers(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findHandlers(full));
    else if (entry.endsWith('.lambda.ts')) found.push(full);
  }
  return found;
}

const entries = findHandlers(join(root, 'lib'));
const names = new Map();
for (const file of entries) {
  const name = basename(file, '.lambda.ts');
  if (names.has(name)) {
    throw new Error(
      `two handlers are named "${name}": ${names.get(name)} and ${relative(root, file)}`,
    );
  }
  names.set(name, relative(root, file));
}

rmSync(join(root, 'dist/handlers'), { recursive: true, force: true });
mkdirSync(join(root, 'dist/handlers'), { recursive: true });
const sizes = {};
let warnings = 0;
function externalsOf(file) {
  const found = [];
  for (const m of readFileSync(join(root, file), 'utf8').matchAll(
    /^\/\/ bundle-external: (\S+)(?: -- (.+))?$/gm,
  )) {
    if (!m[2]) throw new Error(`${file}: bundle-external ${m[1]} needs a reason after " -- "`);
    found.push(m[1]);
    console.log(`${file}: ${m[1]} is left to the Lambda runtime (${m[2]})`);
  }
  return found;
}

for (const [name, file] of names) {
  const outfile = join(root, 'dist/handlers', name, 'index.js');
  const result = await build({
    entryPoints: [join(root, file)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Prefer the SDK's ES module builds: esbuild can tree-shake them, the CommonJS ones not.
    mainFields: ['module', 'main'],
    // The SDK loads credential providers lazily with import(); as require() they run anywhere
    // CommonJS runs, jest's VM included.
    supported: { 'dynamic-import': false },
    legalComments: 'none',
    metafile: true,
    external: externalsOf(file),
    logLevel: 'silent',
  });
  for (const w of result.warnings) {
    warnings += 1;
    console.error(`esbuild warning in ${file}: ${w.text}`);
  }
  sizes[name] = statSync(outfile).size;
}
if (warnings > 0) {
  console.error(`${warnings} esbuild warning(s): the build fails on warnings.`);
  process.exit(1);
}
writeFileSync(join(root, 'dist/handlers/sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
console.log(
  `bundled ${names.size} handler(s): ` +
    Object.entries(sizes)
      .map(([n, s]) => `${n} ${(s / 1024).toFixed(0)} KB`)
      .join(', '),
);
