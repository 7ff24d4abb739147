// Bundles lib/**/<name>.lambda.ts into dist/handlers/<name>/index.js; used by
// scripts/build-app.mjs, which decides which handlers need it.
// Handlers are bundled here, at build time, so a user's `cdk synth` never bundles and never
// needs Docker. AWS SDK v3 clients are bundled on purpose: the Lambda runtime's copy is not
// pinned, and a rotation function must behave the same on every cold start. A handler may
// leave one package to the runtime with a line `// bundle-external: <package> -- <reason>`;
// the reason is required and printed.
// Everything is written to stderr: `cdk synth` runs this build, and its stdout is the template.
import { readdirSync, readFileSync, statSync, mkdirSync, rmSync } from 'node:fs';
import { join, basename, relative } from 'node:path';
import { NODE_BUNDLE_OPTIONS } from './esbuild-node.mjs';

/** Every handler under lib/, as name → path relative to root; throws on two of one name. */
export function findHandlers(root) {
  const names = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.lambda.ts')) {
        const name = basename(entry.name, '.lambda.ts');
        const file = relative(root, full);
        if (names.has(name)) {
          throw new Error(`two handlers are named "${name}": ${names.get(name)} and ${file}`);
        }
        names.set(name, file);
      }
    }
  };
  walk(join(root, 'lib'));
  return new Map([...names].sort(([a], [b]) => a.localeCompare(b)));
}

function externalsOf(root, file) {
  const found = [];
  for (const m of readFileSync(join(root, file), 'utf8').matchAll(
    /^\/\/ bundle-external: (\S+)(?: -- (.+))?$/gm,
  )) {
    if (!m[2]) throw new Error(`${file}: bundle-external ${m[1]} needs a reason after " -- "`);
    found.push(m[1]);
    console.error(`${file}: ${m[1]} is left to the Lambda runtime (${m[2]})`);
  }
  return found;
}

/**
 * Bundles one handler. Returns its size and the files it was built from (relative to root,
 * outside node_modules: the lockfiles stand for those). esbuild warnings fail the build.
 */
export async function bundleHandler(root, name, file) {
  const { build } = await import('esbuild');
  const outdir = join(root, 'dist/handlers', name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.js');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, file)],
    outfile,
    ...NODE_BUNDLE_OPTIONS,
    external: externalsOf(root, file),
  });
  if (result.warnings.length > 0) {
    for (const w of result.warnings) console.error(`esbuild warning in ${file}: ${w.text}`);
    throw new Error(
      `${result.warnings.length} esbuild warning(s) in ${file}: the build fails on warnings`,
    );
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
  return { size: statSync(outfile).size, inputs };
}
