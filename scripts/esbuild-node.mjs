// The esbuild settings every bundle of the kit shares: handlers (build-handlers.mjs) and the
// CLI and runtime entry points (bundle-entries.mjs).
export const NODE_BUNDLE_OPTIONS = {
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
  logLevel: 'silent',
};
