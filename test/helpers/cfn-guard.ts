import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  readonly status: string;
  /** Names of the rules that failed. */
  readonly failed: string[];
  readonly skipped: string[];
  readonly passed: string[];
}

/** Runs `cfn-guard validate` on one rules text and one data document; returns the verdicts. */
export function runCfnGuard(rules: string, data: unknown): GuardResult {
  const dir = mkdtempSync(join(tmpdir(), 'bg-guard-'));
  writeFileSync(join(dir, 'rules.guard'), rules);
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data, null, 1));
  const run = spawnSync(
    CFN_GUARD,
    [
      'validate',
      '--rules',
      join(dir, 'rules.guard'),
      '--data',
      join(dir, 'data.json'),
      '--output-format',
      'json',
      '--show-summary',
      'none',
    ],
    { encoding: 'utf8' },
  );
  if (run.error) throw run.error;
  const start = run.stdout.indexOf('{');
  if (start < 0)
    throw new Error(`cfn-guard gave no JSON (exit ${run.status}): ${run.stderr}${run.stdout}`);
  const report = JSON.parse(run.stdout.slice(start)) as {
    status: string;
    not_compliant: { Rule: { name: string } }[];
    not_applicable: string[];
    compliant: string[];
  };
  return {
    status: report.status,
    failed: [...new Set(report.not_compliant.map((n) => n.Rule.name))].sort(),
    skipped: [...report.not_applicable].sort(),
    passed: [...report.compliant].sort(),
  };
}
