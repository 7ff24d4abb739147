import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { templateFiles } from '../../lib/policy/access/access-matrix';
import { checkTemplate } from '../../lib/policy/check/check-templates';
import { ACCOUNTS, buildOrganization } from '../../examples/organization';

const root = join(__dirname, '..', '..');

describe('examples/organization.ts: paper and live in two accounts, guardrails from the management account', () => {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const built = buildOrganization(app);
  const assembly = app.synth();

  test('imports the kit only through its package entry point', () => {
    const source = readFileSync(join(root, 'examples/organization.ts'), 'utf8');
    const kitImports = [...source.matchAll(/from '(brokerguard[^']*)'/g)].map((m) => m[1]);
    expect(kitImports).toEqual(['brokerguard']);
    expect(source).not.toMatch(/from '\.{1,2}\//);
  });

  test('synthesizes with AwsSolutions and BrokerGuardChecks and zero violations', () => {
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.map((p: any) => p.pluginName)).toEqual(
      expect.arrayContaining(['AwsSolutions', 'BrokerGuardChecks']),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
  });

  test('paper, live and the guardrails go to three different accounts', () => {
    expect(built.paper.stack.account).toBe(ACCOUNTS.paper);
    expect(built.live.stack.account).toBe(ACCOUNTS.live);
    expect(built.management.account).toBe(ACCOUNTS.management);
    expect(new Set([ACCOUNTS.paper, ACCOUNTS.live, ACCOUNTS.management]).size).toBe(3);
    expect(built.paper.tradingMode).toBe('paper');
    expect(built.live.tradingMode).toBe('live');
  });

  test('the management stack attaches two SCPs and the RCP to the trading OU', () => {
    const template = assembly.getStackByName(built.management.stackName).template;
    const policies = Object.values(template.Resources).filter(
      (r: any) => r.Type === 'AWS::Organizations::Policy',
    ) as any[];
    expect(policies.map((p) => p.Properties.Type).sort()).toEqual([
      'RESOURCE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
      'SERVICE_CONTROL_POLICY',
    ]);
    // The detection SCP protects both deployments' alert topics by name.
    const text = JSON.stringify(policies);
    expect(text).toContain('brokerguard-paper-alerts');
    expect(text).toContain('brokerguard-live-alerts');
  });

  test('brokerguard check passes every template it makes, the stages nested ones included', () => {
    const files = templateFiles(assembly.directory);
    expect(files.map((f) => f.replace(`${assembly.directory}/`, '')).sort()).toEqual([
      'BrokerGuardOrganization.template.json',
      expect.stringMatching(/^assembly-Live\/LiveBrokerGuard[0-9A-F]+\.template\.json$/),
      expect.stringMatching(/^assembly-Paper\/PaperBrokerGuard[0-9A-F]+\.template\.json$/),
    ]);
    for (const file of files) {
      const { findings } = checkTemplate(file);
      expect(findings.filter((f) => f.level !== 'info' && !f.acknowledged)).toEqual([]);
    }
  });

  test('each trading account gets the Config rules and the Guard hook, alerting on its own channel', () => {
    for (const stage of [built.paper, built.live]) {
      // The stage's own (nested) assembly, synthesized with the app above.
      const template = stage.synth().getStackArtifact(stage.stack.artifactId).template;
      const resources = Object.values(template.Resources) as any[];
      const hooks = resources.filter((r) => r.Type === 'AWS::CloudFormation::GuardHook');
      expect(hooks).toHaveLength(1);
      expect(hooks[0].Properties.FailureMode).toBe('WARN');
      const rules = resources.filter((r) => r.Type === 'AWS::Config::ConfigRule');
      expect(rules.map((r) => r.Properties.Source.SourceIdentifier)).toEqual(
        expect.arrayContaining([
          'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
          'SECRETSMANAGER_USING_CMK',
        ]),
      );
      // NON_COMPLIANT results go to this deployment's alert topic, not the other account's.
      const compliance = resources.find(
        (r) =>
          r.Type === 'AWS::Events::Rule' &&
          r.Properties.Name === `brokerguard-${stage.deploymentName}-config-noncompliant`,
      );
      expect(JSON.stringify(compliance.Properties.Targets)).toContain('AlertsTopic');
    }
  });
});
