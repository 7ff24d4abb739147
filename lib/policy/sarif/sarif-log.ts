import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { BrokerGuardRule } from '../rule';
import { BROKERGUARD_RULES } from '../rules';
import { levelName } from '../check/run-rules';

/** One result to write: a finding with where it points. */
export interface SarifFinding {
  /** Base rule id (`BG-SEG-1`, `AwsSolutions-IAM5`): SARIF's stable ruleId. */
  readonly ruleId: string;
  /** The full id with the finding detail (`BG-SEG-1[Principal::X]`). */
  readonly ruleName: string;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  /** The resource: a template logical id or a construct path. */
  readonly logicalLocation: string;
  /** File the result points at, relative to the repository root, `/`-separated. */
  readonly uri?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
  /** For an acknowledged finding: the reason given. */
  readonly acknowledgedReason?: string;
}

const TOOL_NAME = 'brokerguard';

function ruleDescriptor(rule: BrokerGuardRule): ReportingDescriptor {
  const level = levelName(rule.level);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.info },
    fullDescription: { text: rule.explanation },
    help: {
      text: `${rule.explanation}\nFix: ${rule.fix}`,
      markdown: `${rule.explanation}\n\n**Fix:** ${rule.fix}\n\nSee RULES.md (${rule.id}).`,
    },
    defaultConfiguration: { level: level === 'info' ? 'note' : level },
    properties: { tags: ['security', 'brokerguard'], fix: rule.fix },
  };
}

/**
 * A SARIF 2.1.0 log for GitHub code scanning: stable ruleIds (the base rule id, never the
 * finding detail), rule help with the fix, and a partialFingerprint that follows the finding
 * (rule, detail and resource), not its line, so moved code does not reopen alerts.
 */
export function buildSarif(findings: readonly SarifFinding[], version: string): Log {
  const rules: ReportingDescriptor[] = BROKERGUARD_RULES.map(ruleDescriptor);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({ id: f.ruleId, shortDescription: { text: f.message }, help: { text: f.message } });
  }
  const results: Result[] = findings.map((f) => {
    const fingerprint = createHash('sha256')
      .update(`${f.ruleName}\u0000${f.logicalLocation}`)
      .digest('hex');
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: f.level === 'info' ? 'note' : f.level,
      message: { text: `${f.ruleName} on ${f.logicalLocation}: ${f.message}` },
      locations: [
        {
          ...(f.uri
            ? {
                physicalLocation: {
                  artifactLocation: { uri: f.uri },
                  ...(f.startLine
                    ? {
                        region: {
                          startLine: f.startLine,
                          ...(f.startColumn ? { startColumn: f.startColumn } : {}),
                        },
                      }
                    : {}),
                },
              }
            : {}),
          logicalLocations: [{ fullyQualifiedName: f.logicalLocation, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'brokerguardFinding/v1': fingerprint },
      properties: { finding: f.ruleName },
    };
    if (f.acknowledgedReason !== undefined) {
      result.suppressions = [{ kind: 'inSource', justification: f.acknowledgedReason }];
    }
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: TOOL_NAME, version, rules } }, results }],
  };
}

/** The package version, for the SARIF tool component. */
export function packageVersion(): string {
  try {
    // dist/lib/policy/sarif → package.json, and lib/policy/sarif under ts-jest.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../../package.json').version;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../../../package.json').version;
  }
}
