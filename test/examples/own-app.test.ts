import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildOwnApp } from '../../examples/own-app';

const root = join(__dirname, '..', '..');

describe('the reuse example in the README', () => {
  test('the README shows examples/own-app.ts word for word', () => {
    const source = readFileSync(join(root, 'examples/own-app.ts'), 'utf8').trim();
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(source);
  });

  test('synthesizes with AwsSolutions and BrokerGuardChecks and zero violations', () => {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = buildOwnApp(app);
    const assembly = app.synth();
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
    expect(assembly.getStackByName(stack.stackName).template.Resources).toBeDefined();
  });
});
