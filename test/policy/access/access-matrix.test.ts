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
  test('a row per principal and secret or key, with the four permissions', () => {
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
      permissions: { read: true, write: true, rotate: false, decrypt: true },
    });
  });

  test('the table shows a cross-segment reader when there is one', () => {
    const text = renderMatrices([matrixOf(brokenWorld('BG-SEG-1'))], 'table');
    expect(text).toMatch(
      /GatewayPasswordSecret \(paper\/automation\/gateway-password\)\s+automation\s+ApprovalsRole\s+approvals\s+yes/,
    );
  });

  test('markdown has a table per template and says what was not resolved', () => {
    const r = world();
    r.SessionSecret.Properties.KmsKeyId = { 'Fn::ImportValue': 'key' };
    const md = renderMatrices([matrixOf(r, 'a.template.json')], 'markdown');
    expect(md).toMatch(
      /^## a\.template\.json\n\n\| secret \/ key \| segment \| principal \| principal segment \| read \| write \| rotate \| decrypt \|/,
    );
    expect(md).toMatch(/Not resolved \(judged without\): .*Fn::ImportValue "key"/);
  });

  test('json carries the rows', () => {
    const json = JSON.parse(renderMatrices([matrixOf(world())], 'json'));
    expect(json.templates[0].rows.length).toBe(13);
  });

  test('writeAccessMatrix writes access-matrix.md for every stack of an assembly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-matrix-'));
    writeFileSync(join(dir, 'one.template.json'), JSON.stringify({ Resources: world() }));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const file = writeAccessMatrix(dir);
    expect(file).toBe(join(dir, 'access-matrix.md'));
    expect(readFileSync(file, 'utf8')).toMatch(
      /# Access matrix[\s\S]*## one\.template\.json[\s\S]*\| AutomationRole \| automation \| yes/,
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
