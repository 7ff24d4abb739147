import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTemplate } from '../../lib/policy/check/check-templates';
import { createDefaultApp } from '../../lib/stacks/default-app';

interface PluginReport {
  pluginName: string;
  violations: Array<{ ruleName: string; violatingConstructs: unknown[] }>;
  suppressedViolations?: Array<{
    ruleName: string;
    acknowledgedId: string;
    reason: string;
    violatingConstructs: unknown[];
  }>;
}

/**
 * The default app as `cdk synth` builds it (AwsSolutions and BrokerGuardChecks registered),
 * without the ~3 s built-in CloudFormation validation, which the lead's synth gate runs. A
 * failing synth still writes templates and the report; these tests judge BrokerGuardChecks.
 */
function synthDefaultApp() {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8'));
  const outdir = mkdtempSync(join(tmpdir(), 'bg-default-'));
  const { app } = createDefaultApp({
    context: cdkJson.context,
    outdir,
    builtinCloudFormationValidation: false,
  });
  try {
    app.synth();
  } catch (err) {
    // A policy failure (of any pack) still writes the templates and the report.
    if (!existsSync(join(outdir, 'validation-report.json'))) throw err;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  const plugin = (name: string): PluginReport =>
    report.pluginReports.find((p: PluginReport) => p.pluginName === name);
  const templates = readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => join(outdir, f));
  return { templates, plugin };
}

/** One rule name per violating construct, sorted: the unit both synth and check count in. */
const perConstruct = (list: PluginReport['violations'] = []) =>
  list.flatMap((v) => v.violatingConstructs.map(() => v.ruleName)).sort();

describe('BrokerGuardChecks on the default app', () => {
  const { templates, plugin } = synthDefaultApp();
  const bg = plugin('BrokerGuardChecks');

  test('BrokerGuardChecks finds nothing; every acknowledgement of its rules is namespaced and has a reason', () => {
    expect(bg.violations).toEqual([]);
    for (const s of bg.suppressedViolations ?? []) {
      expect(s.acknowledgedId).toMatch(/^BrokerGuardChecks::BG-/);
      expect(s.reason.length).toBeGreaterThan(40);
    }
  });

  test('`check` on the synthesized templates finds nothing synth did not, and honours the same acknowledgements', () => {
    const findings = templates.flatMap((t) => checkTemplate(t).findings);
    expect(findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
    expect(findings.map((f) => f.ruleName).sort()).toEqual(perConstruct(bg.suppressedViolations));
  });

  test('`check --aws-solutions` agrees with synth on AwsSolutions findings and acknowledgements', () => {
    const aws = plugin('AwsSolutions');
    const findings = templates
      .flatMap((t) => checkTemplate(t, { awsSolutions: true }).findings)
      .filter((f) => f.pack === 'AwsSolutions');
    expect(
      findings
        .filter((f) => f.acknowledged !== undefined)
        .map((f) => f.ruleName)
        .sort(),
    ).toEqual(perConstruct(aws.suppressedViolations));
    expect(
      findings
        .filter((f) => f.acknowledged === undefined)
        .map((f) => f.ruleName)
        .sort(),
    ).toEqual(perConstruct(aws.violations));
  });

  test('the rules see the segments: the roles carry their role kind', () => {
    const template = JSON.parse(readFileSync(templates[0], 'utf8'));
    const roles = Object.values(
      template.Resources as Record<
        string,
        { Type: string; Properties: { Tags?: { Key: string }[] } }
      >,
    ).filter(
      (r) =>
        r.Type === 'AWS::IAM::Role' &&
        r.Properties.Tags?.some((t) => t.Key === 'brokerguard:role-kind'),
    );
    expect(roles.length).toBeGreaterThanOrEqual(4);
  });
});
