import { AccessAnalysis, PERMISSIONS } from '../../../lib/policy/access/access-analysis';
import { runRules } from '../../../lib/policy/check/run-rules';
import { TemplateModel } from '../../../lib/policy/model/template-model';
import { BREAKERS, brokenWorld } from '../broken-worlds';
import { arn, Resources, world } from '../world';
import { BROKERGUARD_RULES } from '../../../lib/policy/rules';

const model = (r: Resources) =>
  TemplateModel.fromTemplate({ Resources: JSON.parse(JSON.stringify(r)) });

/** `Principal Target perm=verdict,...` for every row, cells with no grant left out. */
function cells(r: Resources): string[] {
  const a = AccessAnalysis.of(model(r));
  return a.entries().map(
    (e) =>
      `${e.principal.label} ${e.target.id} ${PERMISSIONS.filter(
        (p) => e.cells[p].verdict !== 'none',
      )
        .map((p) => `${p}=${e.cells[p].verdict}`)
        .join(',')}`,
  );
}

const cell = (r: Resources, principal: string, target: string) => {
  const a = AccessAnalysis.of(model(r));
  const p = a.principals.find((x) => x.label === principal)!;
  const t = [...a.secrets, ...a.keys].find((x) => x.id === target)!;
  return a.entry(p, t).cells;
};

describe('AccessAnalysis', () => {
  test('the compliant world: each secret and key is reached by its own segment (and the logs service) only', () => {
    expect(cells(world()).sort()).toEqual([
      'ApprovalsRole ApprovalsKey decryptDirect=allow',
      'ApprovalsRole TotpSeedSecret read=allow,decryptViaSecretsManager=allow,decryptDirect=allow',
      'AutomationRole AutomationKey decryptDirect=allow',
      'AutomationRole GatewayPasswordSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      'AutomationRole SessionSecret read=allow,decryptViaSecretsManager=allow,decryptDirect=allow',
      'RotationRole AutomationKey decryptDirect=allow',
      'RotationRole GatewayPasswordSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      'RotationRole SessionSecret read=allow,write=allow,decryptViaSecretsManager=allow,decryptDirect=allow',
      'Service:logs.${AWS::Region}.amazonaws.com ApprovalsKey decryptDirect=allow',
      'Service:logs.${AWS::Region}.amazonaws.com AutomationKey decryptDirect=allow',
      'Service:logs.${AWS::Region}.amazonaws.com GatewayPasswordSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      'Service:logs.${AWS::Region}.amazonaws.com SessionSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      'Service:logs.${AWS::Region}.amazonaws.com TotpSeedSecret decryptViaSecretsManager=allow,decryptDirect=allow',
    ]);
  });

  test('a permissions boundary caps identity grants', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:PutSecretValue',
      Resource: '*',
    });
    // Granted, but outside the boundary: a deny, with the reason.
    expect(cell(w, 'AutomationRole', 'SessionSecret').write).toEqual({
      verdict: 'deny',
      because: 'outside the permissions boundary',
    });
    delete w.AutomationRole.Properties.PermissionsBoundary;
    expect(cell(w, 'AutomationRole', 'SessionSecret').write).toEqual({ verdict: 'allow' });
  });

  test('an explicit identity Deny wins', () => {
    const w = world();
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Deny',
      Action: 'secretsmanager:*',
      Resource: '*',
    });
    expect(cell(w, 'AutomationRole', 'SessionSecret').read).toEqual({
      verdict: 'deny',
      because: 'explicit deny in an identity policy',
    });
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
      // THEN the automation role no longer decrypts the named secret, either way; the
      // rotation role does
      expect(c).toContain(
        'AutomationRole GatewayPasswordSecret decryptViaSecretsManager=deny,decryptDirect=deny',
      );
      expect(c).toContain(
        'RotationRole GatewayPasswordSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      );
      // other secrets under the key stay open to it
      expect(c).toContain(
        'AutomationRole SessionSecret read=allow,decryptViaSecretsManager=allow,decryptDirect=allow',
      );
      // and the key's data at large turns on the encryption context of each request
      expect(cell(w, 'AutomationRole', 'AutomationKey').decryptDirect).toEqual({
        verdict: 'conditional',
        because: expect.stringMatching(/StringLike kms:EncryptionContext:SecretARN/),
      });
    });

    test('leaves secrets it does not name alone', () => {
      const w = world();
      w.AutomationKey.Properties.KeyPolicy.Statement.push(
        denyDecryptOf('paper/automation/some-other-secret'),
      );
      expect(cells(w)).toContain(
        'AutomationRole GatewayPasswordSecret decryptViaSecretsManager=allow,decryptDirect=allow',
      );
    });

    test('a deny that only hits the creation-time probe does not stop a read', () => {
      const w = world();
      const deny = denyDecryptOf('paper/automation/gateway-password');
      (deny.Condition as any).StringEquals = {
        'kms:EncryptionContext:SecretVersionId': 'RequestToValidateKeyAccess',
      };
      delete (deny.Condition as any).StringNotEquals;
      w.AutomationKey.Properties.KeyPolicy.Statement.push(deny);
      // A read decrypts a real version, never the probe: the deny does not apply.
      expect(cell(w, 'AutomationRole', 'GatewayPasswordSecret').decryptDirect).toEqual({
        verdict: 'allow',
      });
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
        'ApprovalsRole SessionSecret rotate=allow',
        'ApprovalsRole GatewayPasswordSecret rotate=allow',
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

  test('decrypt through Secrets Manager and direct decrypt are judged apart', () => {
    // GIVEN the approvals role may use its key only through Secrets Manager
    const w = world();
    const grant = w.ApprovalsKey.Properties.KeyPolicy.Statement[2];
    grant.Condition = {
      StringEquals: {
        'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
      },
    };
    // WHEN / THEN
    const c = cell(w, 'ApprovalsRole', 'TotpSeedSecret');
    expect(c.decryptViaSecretsManager.verdict).toBe('allow');
    expect(c.decryptDirect.verdict).toBe('none');
    expect(cell(w, 'ApprovalsRole', 'ApprovalsKey').decryptDirect.verdict).toBe('none');
  });

  describe('a permissions boundary and key-policy grants (access_policies_boundaries.html)', () => {
    const boundToSecretsManager = (w: Resources) => {
      w.AutomationBoundary.Properties.PolicyDocument.Statement = [
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: {
            StringEquals: {
              'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
              'aws:ResourceTag/brokerguard:segment': 'automation',
            },
          },
        },
      ];
      return w;
    };

    test('caps a grant to the role ARN', () => {
      const w = boundToSecretsManager(world());
      const c = cell(w, 'AutomationRole', 'SessionSecret');
      expect(c.decryptViaSecretsManager.verdict).toBe('allow');
      expect(c.decryptDirect).toEqual({
        verdict: 'deny',
        because: 'outside the permissions boundary',
      });
      // the same key-policy grant without the boundary: allowed
      delete w.AutomationRole.Properties.PermissionsBoundary;
      expect(cell(w, 'AutomationRole', 'SessionSecret').decryptDirect.verdict).toBe('allow');
    });

    test('a boundary tag condition is decided from the key tags', () => {
      const w = boundToSecretsManager(world());
      w.AutomationKey.Properties.Tags = [{ Key: 'brokerguard:segment', Value: 'approvals' }];
      expect(cell(w, 'AutomationRole', 'SessionSecret').decryptViaSecretsManager.verdict).toBe(
        'deny',
      );
    });

    test('does not cap a grant to an assumed-role session', () => {
      const w = boundToSecretsManager(world());
      w.AutomationRole.Properties.RoleName = 'trading-server';
      w.AutomationKey.Properties.KeyPolicy.Statement.push({
        Effect: 'Allow',
        Principal: {
          AWS: { 'Fn::Sub': 'arn:aws:sts::${AWS::AccountId}:assumed-role/trading-server/i-0abc' },
        },
        Action: 'kms:Decrypt',
        Resource: '*',
      });
      expect(cell(w, 'AutomationRole', 'SessionSecret').decryptDirect.verdict).toBe('allow');
    });

    test('a Deny with NotPrincipal always denies a bounded role', () => {
      const w = world();
      w.AutomationKey.Properties.KeyPolicy.Statement.push({
        Effect: 'Deny',
        NotPrincipal: { AWS: arn('AutomationRole') },
        Action: 'kms:Decrypt',
        Resource: '*',
      });
      expect(cell(w, 'AutomationRole', 'SessionSecret').decryptDirect.verdict).toBe('deny');
      expect(cell(w, 'RotationRole', 'SessionSecret').decryptDirect.verdict).toBe('deny');
      delete w.AutomationRole.Properties.PermissionsBoundary;
      expect(cell(w, 'AutomationRole', 'SessionSecret').decryptDirect.verdict).toBe('allow');
    });
  });

  describe('conditions the template cannot decide are conditional, never allow or skipped', () => {
    test('on an allow', () => {
      const w = world();
      w.AutomationRolePolicy.Properties.PolicyDocument.Statement[0].Condition = {
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      };
      expect(cell(w, 'AutomationRole', 'SessionSecret').read).toEqual({
        verdict: 'conditional',
        because: 'undecided: IpAddress aws:SourceIp',
      });
    });

    test('on a deny', () => {
      const w = world();
      w.SessionSecretPolicy.Properties.ResourcePolicy.Statement.push({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      });
      expect(cell(w, 'AutomationRole', 'SessionSecret').read).toEqual({
        verdict: 'conditional',
        because: 'undecided: Bool aws:MultiFactorAuthPresent',
      });
      // and the checks still count a conditional reader as a reader
      const a = AccessAnalysis.of(model(w));
      expect(
        a.readersOf(a.secrets.find((x) => x.id === 'SessionSecret')!).map((p) => p.id),
      ).toContain('AutomationRole');
    });

    test('a principal-tag deny is decided from the role tags', () => {
      const w = world();
      w.SessionSecretPolicy.Properties.ResourcePolicy.Statement.push({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/brokerguard:segment': 'automation' } },
      });
      expect(cell(w, 'AutomationRole', 'SessionSecret').read.verdict).toBe('allow');
      w.AutomationRole.Properties.Tags = [{ Key: 'brokerguard:segment', Value: 'execution' }];
      expect(cell(w, 'AutomationRole', 'SessionSecret').read).toEqual({
        verdict: 'deny',
        because: 'explicit deny in the resource policy of SessionSecret',
      });
    });
  });
});
