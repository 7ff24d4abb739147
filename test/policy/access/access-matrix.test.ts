import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accessMatrix,
  renderMatrices,
  templateFiles,
  writeAccessMatrix,
} from '../../../lib/policy/access/access-matrix';
import { TemplateModel } from '../../../lib/policy/model/template-model';
import { brokenWorld } from '../broken-worlds';
import { world } from '../world';

const matrixOf = (r: object, source = 'world') =>
  accessMatrix(TemplateModel.fromTemplate({ Resources: r as never }, source));

describe('access matrix', () => {
  test('a row per principal and secret or key, with a verdict per permission', () => {
    const m = matrixOf(world());
    expect(
      m.rows.find((r) => r.principal === 'RotationRole' && r.target === 'SessionSecret'),
    ).toEqual({
      target: 'SessionSecret',
      targetType: 'secret',
      name: 'paper/automation/session',
      targetSegment: 'automation',
      credentialClass: 'session-token',
      principal: 'RotationRole',
      principalSegment: 'automation',
      verdicts: {
        read: 'allow',
        write: 'allow',
        rotate: 'none',
        decryptViaSecretsManager: 'allow',
        decryptDirect: 'allow',
      },
    });
  });

  test('the table shows a cross-segment reader, conditional on the loophole condition', () => {
    const text = renderMatrices([matrixOf(brokenWorld('BG-SEG-1'))], 'table');
    expect(text).toMatch(
      /GatewayPasswordSecret \(paper\/automation\/gateway-password\)\s+automation\s+ApprovalsRole\s+approvals\s+conditional/,
    );
  });

  test('markdown has a table per template and says what was not resolved', () => {
    const r = world();
    r.SessionSecret.Properties.KmsKeyId = { 'Fn::ImportValue': 'key' };
    const md = renderMatrices([matrixOf(r, 'a.template.json')], 'markdown');
    expect(md).toMatch(
      /^## a\.template\.json\n\n\| secret \/ key \| segment \| principal \| principal segment \| read \| write \| rotate \| decrypt via SM \| decrypt direct \|/,
    );
    expect(md).toMatch(/Not resolved \(judged without\): .*Fn::ImportValue "key"/);
  });

  test('json carries the rows and the verdict counts', () => {
    const json = JSON.parse(renderMatrices([matrixOf(world())], 'json'));
    expect(json.templates[0].rows.length).toBe(13);
    expect(json.templates[0].counts).toEqual({ allow: 25, conditional: 0, deny: 0 });
  });

  test('deny and conditional cells say why, in every format', () => {
    // GIVEN a grant the boundary caps and one only the request can decide
    const r = world();
    r.AutomationRolePolicy.Properties.PolicyDocument.Statement.push(
      { Effect: 'Allow', Action: 'secretsmanager:PutSecretValue', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:RotateSecret',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      },
    );
    delete r.AutomationBoundary;
    r.AutomationRole.Properties.PermissionsBoundary = { Ref: 'TightBoundary' };
    r.TightBoundary = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'secretsmanager:GetSecretValue',
                'secretsmanager:RotateSecret',
                'kms:Decrypt',
              ],
              Resource: '*',
            },
          ],
        },
      },
    };
    const m = matrixOf(r);
    // THEN
    const row = m.rows.find(
      (x) => x.principal === 'AutomationRole' && x.target === 'SessionSecret',
    )!;
    expect(row.verdicts).toMatchObject({ read: 'allow', write: 'deny', rotate: 'conditional' });
    expect(row.because).toEqual({
      write: 'outside the permissions boundary',
      rotate: 'undecided: IpAddress aws:SourceIp',
    });
    const text = renderMatrices([m], 'table');
    expect(text).toMatch(
      /AutomationRole\s+automation\s+allow\s+deny\s+conditional\s+allow\s+allow/,
    );
    expect(text).toMatch(/cells: \d+ allow, 3 conditional, 3 deny/);
    expect(text).toContain(
      'AutomationRole write SessionSecret: deny, outside the permissions boundary',
    );
    expect(renderMatrices([m], 'markdown')).toContain(
      '- AutomationRole rotate SessionSecret: conditional, undecided: IpAddress aws:SourceIp',
    );
  });

  test('writeAccessMatrix writes access-matrix.md for every stack of an assembly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-matrix-'));
    writeFileSync(join(dir, 'one.template.json'), JSON.stringify({ Resources: world() }));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const file = writeAccessMatrix(dir);
    expect(file).toBe(join(dir, 'access-matrix.md'));
    expect(readFileSync(file, 'utf8')).toMatch(
      /# Access matrix[\s\S]*## one\.template\.json[\s\S]*\| AutomationRole \| automation \| allow/,
    );
  });

  test('templateFiles reads the nested assemblies each CDK Stage writes', () => {
    // GIVEN a cloud assembly with a top-level stack and a stage's nested assembly
    const dir = mkdtempSync(join(tmpdir(), 'bg-nested-'));
    writeFileSync(join(dir, 'Pipeline.template.json'), '{}');
    mkdirSync(join(dir, 'assembly-Paper'));
    writeFileSync(join(dir, 'assembly-Paper', 'PaperStack.template.json'), '{}');
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'Ignored.template.json'), '{}');
    // THEN both stacks are found, and a directory that is no assembly is not read
    expect(templateFiles(dir)).toEqual([
      join(dir, 'Pipeline.template.json'),
      join(dir, 'assembly-Paper', 'PaperStack.template.json'),
    ]);
  });
});
