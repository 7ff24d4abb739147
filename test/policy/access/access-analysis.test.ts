import { AccessAnalysis } from '../../../lib/policy/access/access-analysis';
import { runRules } from '../../../lib/policy/check/run-rules';
import { TemplateModel } from '../../../lib/policy/model/template-model';
import { BREAKERS, brokenWorld } from '../broken-worlds';
import { Resources, world } from '../world';
import { BROKERGUARD_RULES } from '../../../lib/policy/rules';

const model = (r: Resources) =>
  TemplateModel.fromTemplate({ Resources: JSON.parse(JSON.stringify(r)) });

function cells(r: Resources): string[] {
  const a = AccessAnalysis.of(model(r));
  return a.entries().map((e) => `${e.principal.label} ${e.target.id} ${e.permissions.join(',')}`);
}

describe('AccessAnalysis', () => {
  test('the compliant world: each secret and key is reached by its own segment (and the logs service) only', () => {
    expect(cells(world()).sort()).toEqual([
      'ApprovalsRole ApprovalsKey decrypt',
      'ApprovalsRole TotpSeedSecret read,decrypt',
      'AutomationRole AutomationKey decrypt',
      'AutomationRole GatewayPasswordSecret decrypt',
      'AutomationRole SessionSecret read,decrypt',
      'RotationRole AutomationKey decrypt',
      'RotationRole GatewayPasswordSecret decrypt',
      'RotationRole SessionSecret read,write,decrypt',
      'Service:logs.${AWS::Region}.amazonaws.com ApprovalsKey decrypt',
      'Service:logs.${AWS::Region}.amazonaws.com AutomationKey decrypt',
      'Service:logs.${AWS::Region}.amazonaws.com GatewayPasswordSecret decrypt',
      'Service:logs.${AWS::Region}.amazonaws.com SessionSecret decrypt',
      'Service:logs.${AWS::Region}.amazonaws.com TotpSeedSecret decrypt',
    ]);
  });

  test('a permissions boundary caps identity grants', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:PutSecretValue',
      Resource: '*',
    });
    expect(cells(w)).not.toContain(expect.stringMatching(/^AutomationRole SessionSecret .*write/));
    delete w.AutomationRole.Properties.PermissionsBoundary;
    expect(cells(w)).toContain('AutomationRole SessionSecret read,write,decrypt');
  });

  test('an explicit identity Deny wins', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Deny',
      Action: 'secretsmanager:*',
      Resource: '*',
    });
    expect(cells(w)).not.toContain(expect.stringMatching(/^AutomationRole SessionSecret .*read/));
  });

  test('a secret ARN pattern reaches secrets by name', () => {
    const w = world();
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:RotateSecret',
      Resource: 'arn:aws:secretsmanager:*:*:secret:paper/automation/*',
    });
    expect(cells(w)).toEqual(
      expect.arrayContaining([
        'ApprovalsRole SessionSecret rotate',
        'ApprovalsRole GatewayPasswordSecret rotate',
      ]),
    );
  });

  test.each([['compliant', ''], ...Object.keys(BREAKERS).map((id) => [id, id])])(
    'the matrix and BG-SEG-1 agree on %s',
    (_name, id) => {
      // GIVEN
      const r = id ? brokenWorld(id) : world();
      const m = model(r);
      // WHEN: readers outside the segment in the matrix
      const a = AccessAnalysis.of(m);
      const fromMatrix = a.secrets
        .filter((s) => s.segment)
        .flatMap((s) =>
          a
            .readersOf(s)
            .filter(
              (p) =>
                p.segment !== s.segment && !(p.resource && a.rotationRolesOf(s).has(p.resource.id)),
            )
            .map((p) => `BG-SEG-1[Principal::${p.label}] ${s.id}`),
        );
      // THEN
      const fromRule = runRules(
        m,
        BROKERGUARD_RULES.filter((x) => x.id === 'BG-SEG-1'),
      ).map((f) => `${f.ruleName} ${f.logicalId}`);
      expect(fromMatrix.sort()).toEqual(fromRule.sort());
    },
  );
});
