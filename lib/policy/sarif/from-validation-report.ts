import { isAbsolute, relative, sep } from 'node:path';
import type { Log } from 'sarif';
import { z } from 'zod';
import { BrokerGuardError } from '../../errors';
import { buildSarif, packageVersion, SarifFinding } from './sarif-log';
import { originalPosition } from './source-map';

/**
 * The parts of cdk.out/validation-report.json this converter reads, checked before use: a
 * hand-edited or truncated report (a null plugin entry, a violation without a rule name) is
 * refused with the field it got wrong instead of failing deep inside the conversion.
 */
const CONSTRUCT = z.looseObject({
  constructPath: z.string().nullish(),
  stackTraces: z.array(z.string()).nullish(),
});
const VIOLATION = z.looseObject({
  ruleName: z.string(),
  description: z.string().nullish(),
  severity: z.string().nullish(),
  violatingConstructs: z.array(CONSTRUCT).nullish(),
});
const VALIDATION_REPORT = z.looseObject({
  pluginReports: z.array(
    z.looseObject({
      pluginName: z.string().nullish(),
      violations: z.array(VIOLATION).nullish(),
      suppressedViolations: z
        .array(
          VIOLATION.extend({ reason: z.string().nullish(), acknowledgedId: z.string().nullish() }),
        )
        .nullish(),
    }),
  ),
});
type ReportViolation = z.infer<typeof VIOLATION>;

const FRAME = /\(?((?:file:\/\/)?(?:[A-Za-z]:)?[^\s():]+\.(?:[cm]?[jt]sx?)):(\d+):(\d+)\)?/;

/**
 * The first frame of a construct's creation trace that lies in the project (not in
 * node_modules, not in Node), mapped back to TypeScript when it points at compiled JS.
 */
export function sourceLocation(
  stackTraces: readonly string[] | null | undefined,
  root: string,
): { uri: string; line: number; column: number } | undefined {
  for (const trace of stackTraces ?? []) {
    for (const frame of trace.split('\n')) {
      const m = FRAME.exec(frame);
      if (!m) continue;
      const file = m[1].replace(/^file:\/\//, '');
      if (!isAbsolute(file) || file.includes(`${sep}node_modules${sep}`)) continue;
      const pos = /\.[cm]?js$/.test(file)
        ? originalPosition(file, Number(m[2]), Number(m[3]))
        : undefined;
      const target = pos ?? { file, line: Number(m[2]), column: Number(m[3]) };
      const rel = relative(root, target.file);
      if (rel.startsWith('..') || isAbsolute(rel)) continue;
      return { uri: rel.split(sep).join('/'), line: target.line, column: target.column };
    }
  }
  return undefined;
}

function level(severity: string | null | undefined): SarifFinding['level'] {
  const s = (severity ?? '').toLowerCase();
  return s === 'error' ? 'error' : s === 'info' ? 'info' : 'warning';
}

/**
 * Converts a synth's validation report (built-in CloudFormation validation, AwsSolutions,
 * BrokerGuardChecks) to SARIF whose results point at the TypeScript line that created each
 * construct. Acknowledged findings become suppressed results carrying their reason.
 */
export function validationReportToSarif(report: unknown, root: string): Log {
  if (!Array.isArray((report as { pluginReports?: unknown } | null)?.pluginReports)) {
    throw new BrokerGuardError(
      'REPORT_INVALID',
      'not a CDK validation report: no pluginReports list',
    );
  }
  const parsed = VALIDATION_REPORT.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    throw new BrokerGuardError(
      'REPORT_INVALID',
      `not a CDK validation report: ${at.replace(/^\./, '')}: ${issue.message}`,
    );
  }
  const r = parsed.data;
  const findings: SarifFinding[] = [];
  const add = (v: ReportViolation, reason?: string) => {
    for (const c of v.violatingConstructs ?? []) {
      const loc = sourceLocation(c.stackTraces, root);
      findings.push({
        ruleId: v.ruleName.replace(/\[.*\]$/s, ''),
        ruleName: v.ruleName,
        level: level(v.severity),
        message: v.description ?? v.ruleName,
        logicalLocation: c.constructPath ?? '(unknown construct)',
        uri: loc?.uri,
        startLine: loc?.line,
        startColumn: loc?.column,
        acknowledgedReason: reason,
      });
    }
  };
  for (const plugin of r.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) add(v);
    for (const v of plugin.suppressedViolations ?? []) add(v, v.reason ?? '');
  }
  return buildSarif(findings, packageVersion());
}
