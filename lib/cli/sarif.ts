import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BrokerGuardError } from '../errors';
import {
  CliVerb,
  EXIT_OK,
  fileErrorReason,
  inputKind,
  oneLine,
  reportUsage,
  writeOutputFile,
} from './io';
import { parseOptions } from './options';

const COMMAND = 'brokerguard sarif';
const REPORT_FILE = 'validation-report.json';

const HELP = `usage: brokerguard sarif <cdk.out/validation-report.json | cdk.out> [--output FILE] [--root DIR]

Converts a synth's validation report (built-in validation, AwsSolutions, BrokerGuardChecks)
to SARIF 2.1.0 whose results point at the TypeScript line that created each construct.
A cdk.out directory stands for the validation-report.json in it.
--root: the repository root that SARIF paths are relative to (default: the current directory).
Acknowledged findings are written as suppressed results with their reason.
Exit 0: written; 2: unreadable report or usage error.
`;

/** The report file a path names: itself, or the validation-report.json of a cdk.out. */
function reportFile(path: string): string {
  if (inputKind(path) === 'file') return path;
  const inside = join(path, REPORT_FILE);
  if (!existsSync(inside)) {
    throw new BrokerGuardError(
      'REPORT_UNREADABLE',
      `${path}: a directory without ${REPORT_FILE}; name the report, or a cdk.out written by a synth with validation plugins`,
    );
  }
  inputKind(inside);
  return inside;
}

function readReport(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BrokerGuardError('REPORT_UNREADABLE', `cannot read ${file}: ${fileErrorReason(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BrokerGuardError(
      'REPORT_INVALID',
      `${file}: not valid JSON: ${(err as Error).message}`,
    );
  }
}

/** `brokerguard sarif`: a validation report as SARIF for code scanning. */
export const run: CliVerb = async (argv, io) => {
  let input: string;
  let output: string | undefined;
  let root: string;
  try {
    const { values, positionals, help } = parseOptions(argv, {
      output: { type: 'string', short: 'o' },
      root: { type: 'string' },
    });
    if (help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (positionals.length === 0) {
      throw new BrokerGuardError('USAGE', `name the validation report (cdk.out/${REPORT_FILE})`);
    }
    if (positionals.length > 1) {
      throw new BrokerGuardError(
        'USAGE',
        `name one report, got ${positionals.map((p) => `"${p}"`).join(' and ')}`,
      );
    }
    input = positionals[0];
    output = values.output;
    root = resolve(values.root ?? process.cwd());
  } catch (err) {
    return reportUsage(io, COMMAND, (err as Error).message, { helpHint: true });
  }
  let text: string;
  try {
    const file = reportFile(input);
    const report = readReport(file);
    // Loaded only for a readable report: the converter brings the rule pack's metadata.
    const { validationReportToSarif } = await import('../policy/sarif/from-validation-report');
    try {
      text = `${JSON.stringify(validationReportToSarif(report, root), null, 2)}\n`;
    } catch (err) {
      // The converter says what is wrong with the report; the file it is in is said here.
      // A shape it did not foresee is still a bad report, not a crash.
      const what =
        err instanceof BrokerGuardError
          ? err.message
          : `not a CDK validation report (${oneLine(err instanceof Error ? `${err.name}: ${err.message}` : String(err))})`;
      throw new BrokerGuardError('REPORT_INVALID', `${file}: ${what}`);
    }
    if (output) writeOutputFile(output, text);
  } catch (err) {
    if (!(err instanceof BrokerGuardError)) throw err;
    return reportUsage(io, COMMAND, err.message);
  }
  if (!output) io.stdout(text);
  return EXIT_OK;
};
