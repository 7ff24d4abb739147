import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTemplate } from '../../../lib/policy/check/check-templates';
import { BREAKERS, COMPANIONS, brokenWorld } from '../broken-worlds';
import { BROKERGUARD_RULES } from '../../../lib/policy/rules';

const FIXTURES = join(__dirname, '../../fixtures/templates');
const dir = mkdtempSync(join(tmpdir(), 'bg-check-'));

function templateFile(name: string, resources: object): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

describe('checkTemplate', () => {
  test('the hand-written compliant template has no findings', () => {
    const report = checkTemplate(join(FIXTURES, 'compliant.json'));
    expect(report.findings).toEqual([]);
    expect(report.unresolved).toEqual([]);
  });

  test('every rule has a broken template', () => {
    expect(Object.keys(BREAKERS).sort()).toEqual(BROKERGUARD_RULES.map((r) => r.id).sort());
  });

  test.each(BROKERGUARD_RULES.map((r) => r.id))(
    'a template broken in the way of %s gives exactly that rule',
    (id) => {
      // GIVEN
      const file = templateFile(id, brokenWorld(id));
      // WHEN
      const report = checkTemplate(file);
      // THEN
      expect([...new Set(report.findings.map((f) => f.ruleId))].sort()).toEqual(
        [id, ...(COMPANIONS[id] ?? [])].sort(),
      );
    },
  );

  test('acknowledgements written by synth (cdk_nag metadata) are honoured by exact namespaced or bare id', () => {
    // GIVEN
    const w = brokenWorld('BG-IAM-1') as Record<string, { Metadata?: unknown }>;
    w.ApprovalsRole.Metadata = {
      cdk_nag: {
        rules_to_suppress: [
          {
            id: 'BrokerGuardChecks::BG-IAM-1[MfaNotRequired]',
            reason: 'federated through the IdP, which enforces MFA',
          },
          { id: 'BG-IAM-1', reason: 'a base id does not cover findings with a detail' },
        ],
      },
    };
    // WHEN
    const report = checkTemplate(templateFile('acknowledged', w));
    // THEN
    expect(report.findings.map((f) => [f.ruleName, f.acknowledged])).toEqual([
      ['BG-IAM-1[MfaNotRequired]', 'federated through the IdP, which enforces MFA'],
      ['BG-IAM-1[MfaAgeUnbounded]', undefined],
    ]);
  });

  test('a template with a transform it did not expand says so in the notes', () => {
    // GIVEN
    const file = join(dir, 'sam.json');
    writeFileSync(
      file,
      JSON.stringify({
        Transform: ['AWS::Serverless-2016-10-31', { Name: 'AWS::Include', Parameters: {} }],
        Resources: {
          Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'python3.13' } },
        },
      }),
    );
    // WHEN
    const report = checkTemplate(file);
    // THEN
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^Transform AWS::Serverless-2016-10-31 was not expanded: .*AWS::Serverless/,
      ),
      expect.stringMatching(/^Transform AWS::Include was not expanded/),
    ]);
    expect(checkTemplate(join(FIXTURES, 'compliant.json')).notes).toEqual([]);
  });

  test('YAML with short-form intrinsics is read, and every finding names its rule and resource', () => {
    const report = checkTemplate(join(FIXTURES, 'public-gateway.yaml'));
    expect(report.findings.map((f) => `${f.ruleName} ${f.logicalId} ${f.level}`).sort()).toEqual([
      'BG-IAM-6 TraderKey error',
      'BG-NET-1[Port::4001] GatewaySecurityGroup error',
    ]);
  });

  test('a template with references to other stacks is judged on the rest and says what it could not resolve', () => {
    const report = checkTemplate(join(FIXTURES, 'unresolved.yaml'));
    expect(report.findings.map((f) => f.ruleName)).toContain('BG-SEG-3[NoResourcePolicy]');
    expect(report.unresolved).toEqual(
      expect.arrayContaining([
        'Fn::GetAtt RotationFunction.Arn',
        expect.stringMatching(/^Fn::ImportValue "shared-automation-key-arn"$/),
      ]),
    );
  });

  test('--aws-solutions adds AwsSolutions findings through CfnInclude', () => {
    const report = checkTemplate(join(FIXTURES, 'public-gateway.yaml'), { awsSolutions: true });
    const aws = report.findings.filter((f) => f.pack === 'AwsSolutions');
    expect(aws.map((f) => f.ruleId)).toContain('AwsSolutions-EC23');
    expect(aws.find((f) => f.ruleId === 'AwsSolutions-EC23')?.logicalId).toBe(
      'GatewaySecurityGroup',
    );
  });

  test('an AwsSolutions load failure is a note, not a crash', () => {
    const report = checkTemplate(join(FIXTURES, 'unresolved.yaml'), { awsSolutions: true });
    expect(report.notes).toEqual([
      expect.stringMatching(/^AwsSolutions could not load the template: .*RotationFunction/),
    ]);
  });

  test('unreadable input throws a clear error', () => {
    expect(() => checkTemplate(join(dir, 'missing.json'))).toThrow(
      /missing\.json: cannot read \(ENOENT\)/,
    );
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'Resources: [unclosed');
    expect(() => checkTemplate(bad)).toThrow(/bad\.yaml: not valid YAML/);
    const noResources = join(dir, 'empty.json');
    writeFileSync(noResources, '{"Outputs": {}}');
    expect(() => checkTemplate(noResources)).toThrow(/empty\.json: no Resources section/);
  });
});
