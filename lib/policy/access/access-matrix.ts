import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadTemplate } from '../check/load-template';
import { TemplateModel } from '../model/template-model';
import { AccessAnalysis, Permission, PERMISSIONS } from './access-analysis';
import { Verdict } from './access-verdict';

export const MATRIX_FORMATS = ['table', 'markdown', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** Column headings of the text and Markdown tables, one per permission. */
const PERMISSION_HEADINGS: Record<Permission, string> = {
  read: 'read',
  write: 'write',
  rotate: 'rotate',
  decryptViaSecretsManager: 'decrypt via SM',
  decryptDirect: 'decrypt direct',
};

/** One row of a matrix: what one principal may do to one secret or key. */
export interface AccessMatrixRow {
  readonly target: string;
  readonly targetType: 'secret' | 'key';
  /** The secret's name, or the key's alias when the template fixes it. */
  readonly name?: string;
  readonly targetSegment?: string;
  readonly credentialClass?: string;
  readonly principal: string;
  readonly principalSegment?: string;
  /** A verdict per permission: allow, conditional, deny (granted but taken away), none. */
  readonly verdicts: Readonly<Record<Permission, Verdict>>;
  /** Why, for each permission that is conditional or deny. */
  readonly because?: Readonly<Partial<Record<Permission, string>>>;
}

/** One template's matrix: who can do what to each secret and key. */
export interface AccessMatrix {
  readonly source: string;
  readonly rows: readonly AccessMatrixRow[];
  /** How many cells carry each verdict other than none. */
  readonly counts: Readonly<Record<Exclude<Verdict, 'none'>, number>>;
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
  const counts = { allow: 0, conditional: 0, deny: 0 };
  const rows = analysis.entries().map((e): AccessMatrixRow => {
    const isSecret = e.target.type === 'AWS::SecretsManager::Secret';
    const name = isSecret ? model.flatten(e.target.properties.Name) : aliases.get(e.target.id);
    const because: Partial<Record<Permission, string>> = {};
    for (const p of PERMISSIONS) {
      const c = e.cells[p];
      if (c.verdict !== 'none') counts[c.verdict]++;
      if (c.because) because[p] = c.because;
    }
    return {
      target: e.target.id,
      targetType: isSecret ? 'secret' : 'key',
      ...(name ? { name } : {}),
      ...(e.target.segment ? { targetSegment: e.target.segment } : {}),
      ...(e.target.credentialClass ? { credentialClass: e.target.credentialClass } : {}),
      principal: e.principal.label,
      ...(e.principal.segment ? { principalSegment: e.principal.segment } : {}),
      verdicts: Object.fromEntries(PERMISSIONS.map((p) => [p, e.cells[p].verdict])) as Record<
        Permission,
        Verdict
      >,
      ...(Object.keys(because).length ? { because } : {}),
    };
  });
  return { source: model.source, rows, counts, unresolved: model.unresolved };
}

const HEAD = [
  'secret / key',
  'segment',
  'principal',
  'principal segment',
  ...PERMISSIONS.map((p) => PERMISSION_HEADINGS[p]),
];

function cells(m: AccessMatrix): string[][] {
  return m.rows.map((r) => [
    `${r.target}${r.name ? ` (${r.name})` : ''}`,
    r.targetSegment ?? '-',
    r.principal,
    r.principalSegment ?? '-',
    ...PERMISSIONS.map((p) => (r.verdicts[p] === 'none' ? '-' : r.verdicts[p])),
  ]);
}

function summary(m: AccessMatrix): string {
  return `${m.counts.allow} allow, ${m.counts.conditional} conditional, ${m.counts.deny} deny`;
}

/** The reasons of a matrix's deny and conditional cells, one line each. */
function reasons(m: AccessMatrix): string[] {
  return m.rows.flatMap((r) =>
    PERMISSIONS.flatMap((p) =>
      r.because?.[p]
        ? [
            `${r.principal} ${PERMISSION_HEADINGS[p]} ${r.target}: ${r.verdicts[p]}, ${r.because[p]}`,
          ]
        : [],
    ),
  );
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
        out.push('', `Cells: ${summary(m)}.`);
        const why = reasons(m);
        if (why.length) out.push('', ...why.map((w) => `- ${w}`));
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
      out.push(`  cells: ${summary(m)}`);
      for (const w of reasons(m)) out.push(`  ${w}`);
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
    '# Access matrix\n\nWho can read, write, rotate or decrypt (through Secrets Manager or directly) each secret and key, ' +
    'from identity policies, permissions boundaries, secret resource policies and key policies (`brokerguard access`). ' +
    'A cell is allow, conditional (a condition only the request decides), deny (granted somewhere, taken away by an ' +
    'explicit deny, a permissions boundary or a key policy) or - (nothing grants it). ' +
    'BrokerGuardChecks SEG rules judge this same analysis.\n\n';
  writeFileSync(file, intro + renderMatrices(matrices, 'markdown'));
  return file;
}
