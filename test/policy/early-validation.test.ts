import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App, CfnResource, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { startCloudFormationValidation } from '../../lib/policy/early-validation';
import { createDefaultApp } from '../../lib/stacks/default-app';
import { BROKERGUARD_RESOURCE_TYPES } from '../../lib/stacks/resource-types';

const root = join(__dirname, '..', '..');
const cdkContext = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;

// aws-cdk-lib's validation engine module, as its plugin loads it: wrapped to count engine starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a nested dependency, by path
const engineModule = require(
  require.resolve('@aws/cloudformation-validate', {
    paths: [dirname(require.resolve('aws-cdk-lib/package.json'))],
  }),
);
const OriginalEngine = engineModule.CompositeEngine;
let enginesStarted = 0;

beforeAll(() => {
  engineModule.CompositeEngine = class extends OriginalEngine {
    constructor(...args: unknown[]) {
      super(...args);
      enginesStarted++;
    }
  };
});
afterAll(() => {
  engineModule.CompositeEngine = OriginalEngine;
});
// Each test gets its own TMPDIR (os.tmpdir() reads it), so the throwaway template's directory
// can be checked for, and CDK_VALIDATION from the caller's shell cannot turn the start off.
const saved = { TMPDIR: process.env.TMPDIR, CDK_VALIDATION: process.env.CDK_VALIDATION };
let testTmp: string;
beforeEach(() => {
  enginesStarted = 0;
  testTmp = mkdtempSync(join(tmpdir(), 'bg-early-tmp-'));
  process.env.TMPDIR = testTmp;
  delete process.env.CDK_VALIDATION;
});
afterEach(() => {
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
  test('starts the engine once, leaves no files, and the default app keeps it through synth', () => {
    // GIVEN
    const validation = startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES);
    expect(validation).toBeInstanceOf(CloudFormationValidatePlugin);
    expect(enginesStarted).toBe(1);
    expect(readdirSync(testTmp)).toEqual([]);
    const outdir = mkdtempSync(join(testTmp, 'out-'));
    const { app } = createDefaultApp(
      { outdir, context: cdkContext },
      { templateValidation: validation },
    );
    // WHEN
    app.synth();
    // THEN: no second engine, and zero violations
    expect(enginesStarted).toBe(1);
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
    enginesStarted = 0;
    const validation = startCloudFormationValidation(['AWS::SQS::Queue']);
    expect(validation).toBeDefined();
    const early = appWithMisspeltQueue(validation);
    // WHEN / THEN
    expect(() => early.app.synth()).toThrow(/ERROR VisibilityTimeoutt: Additional properties/);
    expect(enginesStarted).toBe(1);
    expect(cloudFormationFindings(early.outdir)).toEqual([
      expect.stringMatching(/^F3002 VisibilityTimeoutt: Additional properties are not allowed/),
    ]);
    expect(reportWithoutTraces(early.outdir)).toEqual(reportWithoutTraces(own.outdir));
  });

  test('a resource type outside the list starts a new engine, with the same findings', () => {
    // GIVEN: started for SNS only
    const validation = startCloudFormationValidation(['AWS::SNS::Topic']);
    expect(validation).toBeDefined();
    const { app, outdir } = appWithMisspeltQueue(validation);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(
      /ERROR VisibilityTimeoutt: Additional properties are not allowed/,
    );
    expect(enginesStarted).toBe(2);
    expect(cloudFormationFindings(outdir)).toEqual([
      expect.stringMatching(/^F3002 VisibilityTimeoutt: Additional properties are not allowed/),
    ]);
  });

  test('CDK_VALIDATION=false: nothing is started, as aws-cdk-lib would validate nothing', () => {
    process.env.CDK_VALIDATION = 'false';
    expect(startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES)).toBeUndefined();
    expect(enginesStarted).toBe(0);
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
