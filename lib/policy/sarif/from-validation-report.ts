import { isAbsolute, relative, sep } from 'node:path';
import type { Log } from 'sarif';
import { BrokerGuardError } from '../../errors';
import { buildSarif, packageVersion, SarifFinding } from './sarif-log';
import { originalPosition } from './source-map';

/** The parts of cdk.out/validation-report.json this converter reads. */
interface ValidationReport {
  pluginReports?: Array<{
    pluginName?: string;
    violations?: ReportViolation[];
    suppressedViolations?: Array<ReportViolation & { reason?: string; acknowledgedId?: string }>;
  }>;
}
interface ReportViolation {
  ruleName: string;
  description?: string;
  severity?: string;
  violatingConstructs?: Array<{ constructPath?: string; stackTraces?: string[] }>;
}

const FRAME = /\(?((?:file:\/\/)?(?:[A-Za-z]:)?[^\s():]+\.(?:[cm]?[jt]sx?)):(\d+):(\d+)\)?/;

/**
 * The first frame of a construct's creation trace that lies in the project (not in
 * node_modules, not in Node), mapped back to TypeScript when it points at compiled JS.
 */
export function sourceLocation(
  stackTraces: readonly string[] | undefined,
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

function level(severity: string | undefined): SarifFinding['level'] {
  const s = (severity ?? '').toLowerCase();
  return s === 'error' ? 'error' : s === 'info' ? 'info' : 'warning';
}

/**
 * Converts a synth's validation report (built-in CloudFormation validation, AwsSolutions,
 * BrokerGuardChecks) to SARIF whose results point at the TypeScript line that created each
 * construct. Acknowledged findings become suppressed results carrying their reason.
 */
export function validationReportToSarif(report: unknown, root: string): Log {
  const r = report as ValidationReport;
  if (!r || typeof r !== 'object' || !Array.isArray(r.pluginReports)) {
    throw new BrokerGuardError(
      'REPORT_INVALID',
      'not a CDK validation report: no pluginReports list',
    );
  }
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
