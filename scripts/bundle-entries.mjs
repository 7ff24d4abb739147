// Bundles the package's two plain-Node entry points, so the published package needs no
// @aws-sdk/* dependency (60 MB with @smithy, and jsii refuses dependencies that have no jsii
// assembly unless they are bundled as whole packages):
//   dist/bundle/cli.js      the `brokerguard` command (bin)
//   dist/bundle/runtime.js  `brokerguard/runtime`: what a trading server runs
// The AWS SDK v3 clients they use are bundled in at their pinned versions. The packages a user's
// CDK app already has (aws-cdk-lib, constructs, cdk-nag) stay external, so the app keeps one
// copy of each; zod and yaml stay external because the package ships them (bundledDependencies).
// The construct entry (`brokerguard`, dist/lib) is tsc's output, not bundled: jsii and the
// user's app must see the same classes.
import { build } from 'esbuild';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { NODE_BUNDLE_OPTIONS } from './esbuild-node.mjs';

const root = new URL('..', import.meta.url).pathname;
const PEERS = ['aws-cdk-lib', 'constructs', 'cdk-nag'];
const SHIPPED = ['zod', 'yaml'];

const ENTRIES = [
  {
    name: 'cli',
    source: 'bin/cli.ts',
    // The verbs load on demand (`import()` in bin/cli.ts); esbuild keeps each verb's module
    // body lazy, so `brokerguard diagnose` still never loads aws-cdk-lib.
    external: [...PEERS, ...SHIPPED],
  },
  {
    name: 'runtime',
    source: 'lib/runtime/index.ts',
    // A trading server may have no CDK at all: the runtime entry may load Node built-ins only.
    external: [...PEERS, ...SHIPPED],
    nodeBuiltinsOnly: true,
  },
];

// The kit reads its own version from package.json with a path that works from lib/ (ts-jest) or
// from dist/lib/ (tsc), trying one and then the other; in a bundle, both mean this package.json.
const ownPackageJson = {
  name: 'own-package-json',
  setup(b) {
    b.onResolve({ filter: /^(\.\.\/)+package\.json$/ }, () => ({
      path: join(root, 'package.json'),
    }));
  },
};

const outDir = join(root, 'dist/bundle');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failures = 0;
const sizes = [];
for (const entry of ENTRIES) {
  const outfile = join(outDir, `${entry.name}.js`);
  const result = await build({
    entryPoints: [join(root, entry.source)],
    outfile,
    ...NODE_BUNDLE_OPTIONS,
    external: entry.external,
    plugins: [ownPackageJson],
  });
  for (const w of result.warnings) {
    failures += 1;
    console.error(`esbuild warning in ${entry.source}: ${w.text}`);
  }
  const output = result.metafile.outputs[relative(root, outfile)];
  const externals = [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))];
  if (entry.nodeBuiltinsOnly) {
    const foreign = externals.filter((p) => !p.startsWith('node:') && !isBuiltin(p));
    if (foreign.length > 0) {
      failures += 1;
      console.error(
        `${entry.source} must load Node built-ins only (a trading server has no CDK); it imports: ${foreign.join(', ')}`,
      );
    }
  }
  sizes.push(`${entry.name} ${(statSync(outfile).size / 1024).toFixed(0)} KB`);
}
if (failures > 0) {
  console.error(`${failures} problem(s) bundling the entry points: the build fails on them.`);
  process.exit(1);
}
console.log(`bundled entry points: ${sizes.join(', ')}`);
