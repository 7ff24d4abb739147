import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Log } from 'sarif';
import { buildSarif, packageVersion, SarifFinding } from '../sarif/sarif-log';
import { TemplateReport } from './check-templates';
import { Finding } from './run-rules';

/** Findings that count: acknowledged ones are listed but fail nothing. */
function count(findings: readonly Finding[], level: Finding['level']): number {
  return findings.filter((f) => f.level === level && f.acknowledged === undefined).length;
}

/** Whether any unacknowledged error-level finding remains (exit code 1). */
export function hasErrors(reports: readonly TemplateReport[]): boolean {
  return reports.some((r) => count(r.findings, 'error') > 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The human summary: per template, each finding with its fix, then what could not be resolved. */
export function formatText(reports: readonly TemplateReport[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    const e = count(r.findings, 'error');
    const w = count(r.findings, 'warning');
    errors += e;
    warnings += w;
    lines.push(
      `${r.file}: ${r.findings.length ? `${plural(e, 'error')}, ${plural(w, 'warning')}` : 'no findings'}`,
    );
    for (const f of r.findings) {
      const where = `${f.logicalId}${f.resourceType ? ` (${f.resourceType})` : ''}`;
      const label = f.acknowledged !== undefined ? 'ack' : f.level;
      lines.push(`  ${label.padEnd(7)} ${f.ruleName}  ${where}`);
      if (f.acknowledged !== undefined) {
        lines.push(`          acknowledged: ${f.acknowledged}`);
        continue;
      }
      lines.push(`          ${f.message}`);
      if (f.rule) lines.push(`          fix: ${f.rule.fix}`);
    }
    if (r.unresolved.length) {
      lines.push(`  judged without what could not be resolved: ${r.unresolved.join('; ')}`);
    }
    for (const n of r.notes) lines.push(`  note: ${n}`);
  }
  lines.push(
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(reports.length, 'template')}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Machine-readable findings: stable field names, one entry per finding. */
export function formatJson(reports: readonly TemplateReport[]): string {
  const templates = reports.map((r) => ({
    file: r.file,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      finding: f.ruleName,
      pack: f.pack,
      level: f.level,
      ...(f.acknowledged !== undefined ? { acknowledged: f.acknowledged } : {}),
      logicalId: f.logicalId,
      resourceType: f.resourceType,
      message: f.message,
      ...(f.rule ? { explanation: f.rule.explanation, fix: f.rule.fix } : {}),
    })),
    unresolved: r.unresolved,
    notes: r.notes,
  }));
  const all = reports.flatMap((r) => r.findings);
  const summary = {
    errors: count(all, 'error'),
    warnings: count(all, 'warning'),
    templates: reports.length,
  };
  return `${JSON.stringify({ templates, summary }, null, 2)}\n`;
}

/** Line of each resource's logical id in the template text, for SARIF regions. */
function logicalIdLines(file: string): Map<string, number> {
  const out = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  text.split('\n').forEach((line, i) => {
    const m = /^\s*["']?([A-Za-z0-9]+)["']?\s*:/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], i + 1);
  });
  return out;
}

/** SARIF pointing at the template file and the line of each resource. */
export function toSarifLog(reports: readonly TemplateReport[], cwd = process.cwd()): Log {
  const findings: SarifFinding[] = [];
  for (const r of reports) {
    const lines = logicalIdLines(r.file);
    const uri = relative(cwd, r.file).split(sep).join('/');
    for (const f of r.findings) {
      findings.push({
        ruleId: f.ruleId,
        ruleName: f.ruleName,
        level: f.level,
        message: f.message,
        logicalLocation: `${uri}#${f.logicalId}`,
        uri,
        startLine: lines.get(f.logicalId),
        acknowledgedReason: f.acknowledged,
      });
    }
  }
  return buildSarif(findings, packageVersion());
}
