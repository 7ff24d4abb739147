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

const REAL_WORLD = join(FIXTURES, 'real-world');

/** `level ruleName logicalId` for every BrokerGuardChecks finding, in report order. */
function findingsOf(file: string): string[] {
  return checkTemplate(join(REAL_WORLD, file)).findings.map(
    (f) => `${f.level} ${f.ruleName} ${f.logicalId}`,
  );
}

// Templates from public AWS sample repositories (test/fixtures/templates/real-world/SOURCES.md),
// with the exact findings each must give. Why each finding is right is said beside it.
describe('brokerguard check on real-world templates', () => {
  test.each(['alb-secrets-stack.yaml', 'cloudfront-secrets-stack.yaml'])(
    '%s: API keys written in the template, rotated by a python3.8 function',
    (file) => {
      expect(findingsOf(file)).toEqual([
        // Not a kit secret: no segment or credential class (a warning, as for any stray secret).
        'warning BG-SEG-4[NoSegment] ApiKeys',
        'warning BG-SEG-4[NoCredentialClass] ApiKeys',
        // SecretString is a literal JSON of three keys: the keys are in every copy of the file.
        'error BG-SEC-1 ApiKeys',
        // python3.8 was deprecated by Lambda in 2024; a Python runtime as such is accepted.
        'error BG-ROT-3 ApiKeysRotator',
      ]);
    },
  );

  test('dotnet-secret-rotator.json: CloudWatchLogsFullAccess, a dotnetcore2.1 rotation function', () => {
    expect(findingsOf('dotnet-secret-rotator.json')).toEqual([
      // The build role has the AWS managed CloudWatchLogsFullAccess: logs:* on every log group.
      'error BG-IAM-7[Action::logs:*] BuildProjectRole',
      'warning BG-SEG-4[NoSegment] Secret',
      'warning BG-SEG-4[NoCredentialClass] Secret',
      // dotnetcore2.1 is long deprecated. The secret's SecretString is "{}", a placeholder the
      // rotation fills, so BG-SEC-1 stays quiet; it has a rotation schedule, so BG-ROT-4 too.
      'error BG-ROT-3 SecretRotationFunction',
    ]);
  });

  test('codepipeline-bitbucket-integration.yaml: tokens come from NoEcho parameters, policies are scoped', () => {
    // kms:* on * is in the key's own key policy (not an identity policy); the managed policy
    // is judged through the role that lists it; the function reads its token from a NoEcho
    // parameter, not a literal. No BrokerGuardChecks rule applies.
    expect(findingsOf('codepipeline-bitbucket-integration.yaml')).toEqual([]);
    expect(
      checkTemplate(join(REAL_WORLD, 'codepipeline-bitbucket-integration.yaml')).notes,
    ).toEqual([]);
  });

  test('codepipeline-stepfunctions-pipeline.yaml: whole-service grants on a trigger function role (SAM)', () => {
    expect(findingsOf('codepipeline-stepfunctions-pipeline.yaml')).toEqual([
      // logs:* on arn:aws:logs:*:*:* is every log group of every region.
      'error BG-IAM-7[Action::logs:*] StateMachineTriggerLambdaRole',
      'error BG-IAM-7[Action::states:*] StateMachineTriggerLambdaRole',
      'error BG-IAM-7[Action::codepipeline:*] StateMachineTriggerLambdaRole',
    ]);
    expect(
      checkTemplate(join(REAL_WORLD, 'codepipeline-stepfunctions-pipeline.yaml')).notes,
    ).toEqual([expect.stringMatching(/^Transform AWS::Serverless-2016-10-31 was not expanded/)]);
  });

  test('codepipeline-stepfunctions-state-machine.yaml: a deploy role that can create and pass any role', () => {
    expect(findingsOf('codepipeline-stepfunctions-state-machine.yaml')).toEqual([
      // iam:CreateRole + iam:PutRolePolicy + iam:PassRole on *: the function can create a role
      // with any policy and hand it to a Lambda function it creates (lambda:*): full escalation.
      'error BG-IAM-5[Action::iam:PassRole] StateMachineLambdaRole',
      'error BG-IAM-5[Action::iam:CreateRole] StateMachineLambdaRole',
      'error BG-IAM-5[Action::iam:PutRolePolicy] StateMachineLambdaRole',
      'error BG-IAM-7[Action::logs:*] StateMachineLambdaRole',
      'error BG-IAM-7[Action::cloudformation:*] StateMachineLambdaRole',
      'error BG-IAM-7[Action::lambda:*] StateMachineLambdaRole',
    ]);
    expect(
      checkTemplate(join(REAL_WORLD, 'codepipeline-stepfunctions-state-machine.yaml')).notes,
    ).toHaveLength(1);
  });
});
