import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { templateFiles } from '../../lib/policy/access/access-matrix';
import { checkTemplate } from '../../lib/policy/check/check-templates';
import { buildPipeline, PIPELINE_ACCOUNTS } from '../../examples/pipeline';

describe('examples/pipeline.ts: CDK Pipelines, paper before live', () => {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const built = buildPipeline(app);
  const assembly = app.synth();
  const template = assembly.getStackByName(built.stack.stackName).template;
  const resources = Object.values(template.Resources) as any[];
  const stages: { Name: string; Actions: any[] }[] = resources.find(
    (r) => r.Type === 'AWS::CodePipeline::Pipeline',
  ).Properties.Stages;

  test('synthesizes offline with AwsSolutions and BrokerGuardChecks and zero violations', () => {
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
    // The pipeline's own wildcards are acknowledged on the pipeline, each with its reason.
    const suppressed = report.pluginReports
      .filter((p: any) => p.pluginName !== 'CloudFormation Validate')
      .flatMap((p: any) => p.suppressedViolations)
      .filter((s: any) =>
        s.violatingConstructs[0].constructPath.startsWith('BrokerGuardPipeline/'),
      );
    expect(suppressed.length).toBeGreaterThan(0);
    for (const s of suppressed) {
      expect(s.acknowledgedAt).toBe('BrokerGuardPipeline/Pipeline');
      expect(s.acknowledgedId).toMatch(/^(AwsSolutions|BrokerGuardChecks)::/);
      expect(s.reason.length).toBeGreaterThan(40);
    }
  });

  test('paper deploys before live, and live only after a manual approval', () => {
    const names = stages.map((s) => s.Name);
    expect(names.indexOf('Paper')).toBeGreaterThan(names.indexOf('Build'));
    expect(names.indexOf('Live')).toBeGreaterThan(names.indexOf('Paper'));
    const live = stages.find((s) => s.Name === 'Live')!;
    const approval = live.Actions.find((a) => a.ActionTypeId.Category === 'Approval');
    const deploys = live.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy');
    expect(approval.Name).toBe('PromoteToLive');
    for (const d of deploys) expect(d.RunOrder).toBeGreaterThan(approval.RunOrder);
    expect(built.paper.stack.account).toBe(PIPELINE_ACCOUNTS.paper);
    expect(built.live.stack.account).toBe(PIPELINE_ACCOUNTS.live);
  });

  test('brokerguard check and the SARIF conversion run as a step before paper deploys', () => {
    const paper = stages.find((s) => s.Name === 'Paper')!;
    const check = paper.Actions.find((a) => a.Name === 'PolicyCheck');
    for (const d of paper.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy')) {
      expect(d.RunOrder).toBeGreaterThan(check.RunOrder);
    }
    // The step keeps the SARIF file as its output artifact.
    expect(check.OutputArtifacts).toHaveLength(1);
    const buildSpec = JSON.stringify(
      resources
        .filter((r) => r.Type === 'AWS::CodeBuild::Project')
        .map((r) => r.Properties.Source.BuildSpec),
    );
    expect(buildSpec).toContain('npx brokerguard check cdk.out');
    expect(buildSpec).toContain('npx brokerguard sarif cdk.out --output reports/brokerguard.sarif');
  });

  test('brokerguard check passes the pipeline template and both stage templates', () => {
    const files = templateFiles(assembly.directory);
    expect(files).toHaveLength(3);
    for (const file of files) {
      const { findings } = checkTemplate(file);
      expect(findings.filter((f) => f.level !== 'info' && !f.acknowledged)).toEqual([]);
    }
  });
});
