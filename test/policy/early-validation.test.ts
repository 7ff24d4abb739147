import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.spyOn needs the module object itself, not an ES namespace copy
import os = require('node:os');
import { join } from 'node:path';
import { App, CfnResource, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { startCloudFormationValidation } from '../../lib/policy/early-validation';
import { createDefaultApp } from '../../lib/stacks/default-app';
import { BROKERGUARD_RESOURCE_TYPES } from '../../lib/stacks/resource-types';

const root = join(__dirname, '..', '..');
const cdkContext = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;

// What these tests can see is public: the plugin's validate() calls and the validation report.
// Whether the plugin keeps its engine through synth, which is the point of starting early, is
// not observable without aws-cdk-lib's private modules; bench/synth.bench.mjs measures its effect.
// Each test gets its own temporary folder, so the throwaway template's directory can be checked
// for. Jest gives a test a copy of process.env, which os.tmpdir() does not read: the folder is set
// on os.tmpdir itself. CDK_VALIDATION from the caller's shell must not turn the start off.
const saved = { CDK_VALIDATION: process.env.CDK_VALIDATION };
let testTmp: string;
beforeEach(() => {
  testTmp = mkdtempSync(join(os.tmpdir(), 'bg-early-tmp-'));
  jest.spyOn(os, 'tmpdir').mockReturnValue(testTmp);
  delete process.env.CDK_VALIDATION;
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** A stack with one SQS queue whose property name is misspelt: the engine's schema check fails it. */
function appWithMisspeltQueue(validation?: CloudFormationValidatePlugin) {
  const outdir = mkdtempSync(join(testTmp, 'out-'));
  const app = new App({
    outdir,
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
  if (validation) Validations.of(app).addPlugins(validation);
  const stack = new Stack(app, 'Queue');
  new CfnResource(stack, 'Queue', {
    type: 'AWS::SQS::Queue',
    properties: { VisibilityTimeoutt: 30 },
  });
  return { app, outdir };
}

/** The validation report, without the stack traces (they name the calling test line). */
function reportWithoutTraces(outdir: string): unknown {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'), (key, value) =>
    key === 'stackTraces' ? undefined : value,
  );
}

function cloudFormationFindings(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  return report.pluginReports
    .filter((p: any) => p.pluginName === CloudFormationValidatePlugin.PLUGIN_NAME)
    .flatMap((p: any) => p.violations.map((v: any) => `${v.ruleName} ${v.description}`));
}

describe('startCloudFormationValidation', () => {
  test('validates once up front, leaves no files, and validates the default app at synth', () => {
    // GIVEN
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    const validation = startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES);
    expect(validation).toBeInstanceOf(CloudFormationValidatePlugin);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(readdirSync(testTmp)).toEqual([]);
    const outdir = mkdtempSync(join(testTmp, 'out-'));
    const { app } = createDefaultApp(
      { outdir, context: cdkContext },
      { templateValidation: validation },
    );
    // WHEN
    app.synth();
    // THEN: the plugin started early is the one that validated the app's template (aws-cdk-lib
    // runs one CloudFormationValidatePlugin per app), with zero violations
    expect(validate).toHaveBeenCalledTimes(2);
    expect(validate.mock.contexts[1]).toBe(validation);
    expect(validate.mock.calls[1][0].templatePaths).toEqual([
      join(outdir, 'brokerguard-paper.template.json'),
    ]);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.map((p: any) => [p.pluginName, p.violations.length])).toEqual([
      ['AwsSolutions', 0],
      ['BrokerGuardChecks', 0],
    ]);
  });

  test("an engine started early fails a bad template with aws-cdk-lib's own report", () => {
    // GIVEN: the same app, validated by aws-cdk-lib's own engine and by one started early
    const own = appWithMisspeltQueue();
    expect(() => own.app.synth()).toThrow(/ERROR VisibilityTimeoutt: Additional properties/);
    const validation = startCloudFormationValidation(['AWS::SQS::Queue']);
    expect(validation).toBeDefined();
    const early = appWithMisspeltQueue(validation);
    // WHEN / THEN
    expect(() => early.app.synth()).toThrow(/ERROR VisibilityTimeoutt: Additional properties/);
    expect(cloudFormationFindings(early.outdir)).toEqual([
      expect.stringMatching(/^F3002 VisibilityTimeoutt: Additional properties are not allowed/),
    ]);
    expect(reportWithoutTraces(early.outdir)).toEqual(reportWithoutTraces(own.outdir));
  });

  test('a resource type outside the list is validated all the same', () => {
    // GIVEN: started for SNS only
    const validation = startCloudFormationValidation(['AWS::SNS::Topic']);
    expect(validation).toBeDefined();
    const { app, outdir } = appWithMisspeltQueue(validation);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(
      /ERROR VisibilityTimeoutt: Additional properties are not allowed/,
    );
    expect(cloudFormationFindings(outdir)).toEqual([
      expect.stringMatching(/^F3002 VisibilityTimeoutt: Additional properties are not allowed/),
    ]);
  });

  test('CDK_VALIDATION=false: nothing is started, as aws-cdk-lib would validate nothing', () => {
    process.env.CDK_VALIDATION = 'false';
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    expect(startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES)).toBeUndefined();
    expect(validate).not.toHaveBeenCalled();
    expect(readdirSync(testTmp)).toEqual([]);
  });

  test('a failure to start early gives undefined (synth validates as usual) and leaves no files', () => {
    const validate = jest
      .spyOn(CloudFormationValidatePlugin.prototype, 'validate')
      .mockImplementationOnce(() => {
        throw new Error('engine refused');
      });
    try {
      expect(startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES)).toBeUndefined();
      expect(validate).toHaveBeenCalledTimes(1);
    } finally {
      validate.mockRestore();
    }
    expect(readdirSync(testTmp)).toEqual([]);
  });

  test('the default app does not register it when built-in validation is turned off', () => {
    // GIVEN: a plugin that records whether it is asked to validate
    const validation = new CloudFormationValidatePlugin();
    const validate = jest.spyOn(validation, 'validate');
    const outdir = mkdtempSync(join(testTmp, 'out-'));
    const { app } = createDefaultApp(
      { outdir, context: cdkContext, builtinCloudFormationValidation: false },
      { templateValidation: validation },
    );
    // WHEN
    app.synth();
    // THEN
    expect(validate).not.toHaveBeenCalled();
    expect(existsSync(join(outdir, 'validation-report.json'))).toBe(true);
  });
});
