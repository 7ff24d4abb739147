// `npm run jsii`: compiles the construct API (the `brokerguard` entry, lib/index.ts) with jsii into
// jsii-out/, so Python, Java, .NET and Go CDK apps can use it; the assembly is jsii-out/.jsii.
//
// jsii compiles the project whose package.json is in its project root, and finds the entry by
// mapping package.json `types` (dist/lib/index.d.ts, tsc's output) from the tsconfig's outDir
// back to its rootDir. To keep its output apart from tsc's dist/, jsii-out/ is that project
// root: a copy of package.json, and a tsconfig.json that extends ../tsconfig.jsii.json (outDir
// jsii-out/dist, rootDir the repository), so `types` maps to lib/index.ts and nothing jsii
// writes lands outside jsii-out/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'jsii-out');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'package.json'),
  JSON.stringify({ ...pkg, jsii: { ...pkg.jsii, tsconfig: 'tsconfig.json' } }, null, 2) + '\n',
);
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({ extends: `../${pkg.jsii.tsconfig}` }, null, 2) + '\n',
);

// Python packages need the README; jsii looks for it in the project root.
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));

const started = Date.now();
const run = spawnSync(join(root, 'node_modules/.bin/jsii'), [out], {
  stdio: 'inherit',
  // jsii prints a banner on every run that Node 20 is past its end of life. package.json
  // `engines` states the versions this kit supports, and CI's Node is the machine's: silence the
  // banner for 20 only, so a later end of life still shows.
  env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (run.status !== 0) {
  console.error(`jsii: failed after ${seconds} s (exit ${run.status ?? run.signal})`);
  process.exit(1);
}
console.log(`jsii: assembly in jsii-out/.jsii (${seconds} s)`);
