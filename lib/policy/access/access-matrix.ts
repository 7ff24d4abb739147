import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadTemplate } from '../check/load-template';
import { TemplateModel } from '../model/template-model';
import { AccessAnalysis, PERMISSIONS } from './access-analysis';

export const MATRIX_FORMATS = ['table', 'markdown', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** One template's matrix: who can do what to each secret and key. */
export interface AccessMatrix {
  readonly source: string;
  readonly rows: ReadonlyArray<{
    readonly target: string;
    readonly targetType: 'secret' | 'key';
    /** The secret's name, or the key's alias when the template fixes it. */
    readonly name?: string;
    readonly targetSegment?: string;
    readonly credentialClass?: string;
    readonly principal: string;
    readonly principalSegment?: string;
    readonly permissions: Readonly<Record<(typeof PERMISSIONS)[number], boolean>>;
  }>;
  readonly unresolved: readonly string[];
}

/** The matrix of one model, from the same analysis the SEG rules use. */
export function accessMatrix(model: TemplateModel): AccessMatrix {
  const analysis = AccessAnalysis.of(model);
  const aliases = new Map<string, string>();
  for (const a of model.byType('AWS::KMS::Alias')) {
    const key = model.target(a.properties.TargetKeyId);
    if (key && typeof a.properties.AliasName === 'string')
      aliases.set(key.id, a.properties.AliasName);
  }
  const rows = analysis.entries().map((e) => {
    const isSecret = e.target.type === 'AWS::SecretsManager::Secret';
    const name = isSecret ? model.flatten(e.target.properties.Name) : aliases.get(e.target.id);
    return {
      target: e.target.id,
      targetType: isSecret ? ('secret' as const) : ('key' as const),
      ...(name ? { name } : {}),
      ...(e.target.segment ? { targetSegment: e.target.segment } : {}),
      ...(e.target.credentialClass ? { credentialClass: e.target.credentialClass } : {}),
      principal: e.principal.label,
      ...(e.principal.segment ? { principalSegment: e.principal.segment } : {}),
      permissions: Object.fromEntries(
        PERMISSIONS.map((p) => [p, e.permissions.includes(p)]),
      ) as Record<(typeof PERMISSIONS)[number], boolean>,
    };
  });
  return { source: model.source, rows, unresolved: model.unresolved };
}

const HEAD = ['secret / key', 'segment', 'principal', 'principal segment', ...PERMISSIONS];

function cells(m: AccessMatrix): string[][] {
  return m.rows.map((r) => [
    `${r.target}${r.name ? ` (${r.name})` : ''}`,
    r.targetSegment ?? '-',
    r.principal,
    r.principalSegment ?? '-',
    ...PERMISSIONS.map((p) => (r.permissions[p] ? 'yes' : '-')),
  ]);
}

/** Renders matrices as an aligned text table, a Markdown table, or JSON. */
export function renderMatrices(matrices: readonly AccessMatrix[], format: MatrixFormat): string {
  if (format === 'json') return `${JSON.stringify({ templates: matrices }, null, 2)}\n`;
  const out: string[] = [];
  for (const m of matrices) {
    const body = cells(m);
    if (format === 'markdown') {
      out.push(`## ${m.source}`, '');
      if (body.length === 0) out.push('No principal of this template can touch a secret or key.');
      else {
        out.push(`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`);
        for (const row of body)
          out.push(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
      }
      if (m.unresolved.length)
        out.push('', `Not resolved (judged without): ${m.unresolved.join('; ')}`);
      out.push('');
    } else {
      out.push(`${m.source}:`);
      const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
      for (const row of [HEAD, ...body])
        out.push(
          `  ${row
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd()}`,
        );
      if (m.unresolved.length)
        out.push(`  not resolved (judged without): ${m.unresolved.join('; ')}`);
      out.push('');
    }
  }
  return `${out.join('\n')}`;
}

/**
 * Template files of a path: the file itself, or every `*.template.json` of a cloud assembly,
 * including the nested assemblies (`assembly-<stage>/`) that each CDK Stage writes.
 */
export function templateFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const entries = readdirSync(path).sort();
  return [
    ...entries.filter((f) => f.endsWith('.template.json')).map((f) => join(path, f)),
    ...entries
      .filter((f) => f.startsWith('assembly-') && statSync(join(path, f)).isDirectory())
      .flatMap((f) => templateFiles(join(path, f))),
  ];
}

/**
 * Writes `<assemblyDir>/access-matrix.md` for every stack template of a synthesized cloud
 * assembly and returns its path. The default app calls it after a successful synth.
 */
export function writeAccessMatrix(assemblyDir: string): string {
  const matrices = templateFiles(assemblyDir).map((file) =>
    accessMatrix(TemplateModel.fromTemplate(loadTemplate(file), basename(file))),
  );
  const file = join(assemblyDir, 'access-matrix.md');
  const intro =
    '# Access matrix\n\nWho can read, write, rotate or decrypt each secret and key, from identity policies, ' +
    'permissions boundaries, secret resource policies and key policies (`brokerguard access`). ' +
    'BrokerGuardChecks SEG rules judge this same analysis.\n\n';
  writeFileSync(file, intro + renderMatrices(matrices, 'markdown'));
  return file;
}
