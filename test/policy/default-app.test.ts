import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTemplate } from '../../lib/policy/check/check-templates';
import { createDefaultApp } from '../../lib/stacks/default-app';

/**
 * The default app as `cdk synth` builds it (AwsSolutions and BrokerGuardChecks registered),
 * without the ~3 s built-in CloudFormation validation, which the lead's synth gate runs.
 */
function synthDefaultApp() {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8'));
  const outdir = mkdtempSync(join(tmpdir(), 'bg-default-'));
  const { app } = createDefaultApp({
    context: cdkJson.context,
    outdir,
    builtinCloudFormationValidation: false,
  });
  // Under jest a remaining policy violation makes synth throw ValidationFailed.
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  return { assembly, report };
}

describe('BrokerGuardChecks on the default app', () => {
  const { assembly, report } = synthDefaultApp();

  test('synth passes both packs; every acknowledgement of a BrokerGuard rule carries a reason', () => {
    const bg = report.pluginReports.find(
      (p: { pluginName: string }) => p.pluginName === 'BrokerGuardChecks',
    );
    expect(bg.violations).toEqual([]);
    for (const s of bg.suppressedViolations ?? []) {
      expect(s.acknowledgedId).toMatch(/^BrokerGuardChecks::BG-/);
      expect(s.reason.length).toBeGreaterThan(40);
    }
  });

  test('`check` on the synthesized templates finds nothing synth did not, and honours the same acknowledgements', () => {
    const suppressed = report.pluginReports
      .find((p: { pluginName: string }) => p.pluginName === 'BrokerGuardChecks')
      .suppressedViolations.map((s: { ruleName: string }) => s.ruleName)
      .sort();
    for (const stack of assembly.stacks) {
      const result = checkTemplate(stack.templateFullPath);
      expect(result.findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
      expect(result.findings.map((f) => f.ruleName).sort()).toEqual(suppressed);
    }
  });

  test('the rules see the segments: four human or automation roles and their keys are judged', () => {
    const template = assembly.stacks[0].template;
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
