import { AccessAnalysis } from '../../../lib/policy/access/access-analysis';
import { runRules } from '../../../lib/policy/check/run-rules';
import { TemplateModel } from '../../../lib/policy/model/template-model';
import { BREAKERS, brokenWorld } from '../broken-worlds';
import { Resources, world } from '../world';
import { BROKERGUARD_RULES } from '../../../lib/policy/rules';

const model = (r: Resources) =>
  TemplateModel.fromTemplate({ Resources: JSON.parse(JSON.stringify(r)) });

/** The cells that match `pattern` (toContain compares with ===, so it takes no matcher). */
const matching = (list: string[], pattern: RegExp) => list.filter((c) => pattern.test(c));

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
    expect(matching(cells(w), /^AutomationRole SessionSecret .*write/)).toEqual([]);
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
    expect(matching(cells(w), /^AutomationRole SessionSecret .*read/)).toEqual([]);
  });

  describe("a key policy's deny on a secret's encryption context", () => {
    // The issuer pattern: only the rotation function may decrypt this one secret, except for
    // the probe Secrets Manager makes when the secret gets its key.
    const denyDecryptOf = (secretName: string) => ({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:SecretARN': {
            'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${secretName}-??????`,
          },
        },
        ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': ['RotationRole', 'Arn'] } },
        StringNotEquals: { 'kms:EncryptionContext:SecretVersionId': 'RequestToValidateKeyAccess' },
      },
    });

    test('stops every other principal decrypting that secret, not the key at large', () => {
      // GIVEN
      const w = world();
      w.AutomationKey.Properties.KeyPolicy.Statement.push(
        denyDecryptOf('paper/automation/gateway-password'),
      );
      // WHEN
      const c = cells(w);
      // THEN the automation role no longer decrypts the named secret; the rotation role does
      expect(matching(c, /^AutomationRole GatewayPasswordSecret/)).toEqual([]);
      expect(c).toContain('RotationRole GatewayPasswordSecret decrypt');
      // other data under the key stays open to it
      expect(c).toContain('AutomationRole AutomationKey decrypt');
      expect(c).toContain('AutomationRole SessionSecret read,decrypt');
    });

    test('leaves secrets it does not name alone', () => {
      const w = world();
      w.AutomationKey.Properties.KeyPolicy.Statement.push(
        denyDecryptOf('paper/automation/some-other-secret'),
      );
      expect(cells(w)).toContain('AutomationRole GatewayPasswordSecret decrypt');
    });

    test('a deny that only hits the creation-time probe does not stop a read', () => {
      const w = world();
      const deny = denyDecryptOf('paper/automation/gateway-password');
      (deny.Condition as any).StringEquals = {
        'kms:EncryptionContext:SecretVersionId': 'RequestToValidateKeyAccess',
      };
      delete (deny.Condition as any).StringNotEquals;
      w.AutomationKey.Properties.KeyPolicy.Statement.push(deny);
      // An undecided condition never removes access: the cell stays.
      expect(cells(w)).toContain('AutomationRole GatewayPasswordSecret decrypt');
    });
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
