import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The TypeScript block that follows `<!-- example:NAME ... -->` in the README. */
function example(name: string): string {
  const at = readme.indexOf(`<!-- example:${name} `);
  expect(at).toBeGreaterThan(0);
  const m = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(at));
  return m![1];
}

describe('README.md', () => {
  test('stays at most 25 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
  });

  test('begins with the two commands that work on a fresh machine', () => {
    const [title, , fence, synth, test] = readme.split('\n');
    expect(title).toBe('# brokerguard');
    expect(fence).toBe('```sh');
    expect(synth).toMatch(/^npm ci && npx cdk synth\s+#/);
    expect(test).toMatch(/^npm test\s+#/);
  });

  test('documents no import path under dist/, here or in docs/', () => {
    const docs = readdirSync(join(root, 'docs')).map((f) =>
      readFileSync(join(root, 'docs', f), 'utf8'),
    );
    for (const text of [readme, ...docs]) {
      expect(text).not.toMatch(/from ['"]brokerguard\/dist|require\(['"]brokerguard\/dist/);
      expect(text).not.toMatch(/from ['"]\.\.?\/(dist|lib)\//);
    }
  });

  test('the typed-props example synthesizes with AwsSolutions and BrokerGuardChecks and no finding', () => {
    // GIVEN the example as a user copies it, compiled to CommonJS
    const js = ts.transpileModule(example('typed-props'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const exports: Record<string, (app: App) => unknown> = {};
    // jest's require maps `brokerguard` to lib/index.ts, as the package's entry point.
    new Function('require', 'exports', js)(require, exports);
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    // WHEN
    exports.buildTradingStack(app);
    const assembly = app.synth();
    // THEN
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.map((p: any) => p.pluginName)).toEqual(
      expect.arrayContaining(['AwsSolutions', 'BrokerGuardChecks']),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
  });
});
