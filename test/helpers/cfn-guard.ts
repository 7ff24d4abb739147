import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** The real cfn-guard binary shipped by @cdklabs/cdk-validator-cfnguard (Linux x86_64 / arm64). */
export const CFN_GUARD = join(
  __dirname,
  '..',
  '..',
  'node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu',
  process.arch === 'arm64' ? 'aarch64' : 'x86_64',
  'cfn-guard',
);

export interface GuardResult {
  /** PASS, FAIL or SKIP for the whole document. */
  readonly status: string;
  /** Names of the rules that failed. */
  readonly failed: string[];
  readonly skipped: string[];
  readonly passed: string[];
}

/**
 * Runs `cfn-guard validate` once on one rules text and several data documents (a directory,
 * `--structured` JSON output); returns the verdicts by document name.
 */
export function runCfnGuardOnEach(
  rules: string,
  documents: Record<string, unknown>,
): Record<string, GuardResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bg-guard-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  writeFileSync(join(dir, 'rules.guard'), rules);
  for (const [name, doc] of Object.entries(documents)) {
    writeFileSync(join(data, `${name}.json`), JSON.stringify(doc, null, 1));
  }
  const run = spawnSync(
    CFN_GUARD,
    [
      'validate',
      '--rules',
      join(dir, 'rules.guard'),
      '--data',
      data,
      '--structured',
      '--output-format',
      'json',
      '--show-summary',
      'none',
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  let reports: {
    name: string;
    status: string;
    not_compliant: { Rule: { name: string } }[];
    not_applicable: string[];
    compliant: string[];
  }[];
  try {
    reports = JSON.parse(run.stdout);
  } catch {
    throw new Error(`cfn-guard gave no JSON (exit ${run.status}): ${run.stderr}${run.stdout}`);
  }
  const out: Record<string, GuardResult> = {};
  for (const r of reports) {
    out[basename(r.name, '.json')] = {
      status: r.status,
      failed: [...new Set(r.not_compliant.map((n) => n.Rule.name))].sort(),
      skipped: [...r.not_applicable].sort(),
      passed: [...r.compliant].sort(),
    };
  }
  return out;
}

/** Runs `cfn-guard validate` on one rules text and one data document. */
export function runCfnGuard(rules: string, data: unknown): GuardResult {
  return runCfnGuardOnEach(rules, { data }).data;
}
