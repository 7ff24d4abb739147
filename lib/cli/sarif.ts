import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BrokerGuardError } from '../errors';
import { validationReportToSarif } from '../policy/sarif/from-validation-report';
import { CliVerb, EXIT_OK, EXIT_USAGE } from './io';

const HELP = `usage: brokerguard sarif <cdk.out/validation-report.json> [--output FILE] [--root DIR]

Converts a synth's validation report (built-in validation, AwsSolutions, BrokerGuardChecks)
to SARIF 2.1.0 whose results point at the TypeScript line that created each construct.
--root: the repository root that SARIF paths are relative to (default: the current directory).
Acknowledged findings are written as suppressed results with their reason.
`;

/** `brokerguard sarif`: a validation report as SARIF for code scanning. */
export const run: CliVerb = async (argv, io) => {
  let input: string | undefined;
  let output: string | undefined;
  let root = process.cwd();
  try {
    for (let i = 0; i < argv.length; i++) {
      const [flag, inline] = argv[i].startsWith('--')
        ? argv[i].split(/=(.*)/s, 2)
        : [argv[i], undefined];
      const value = () => {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new BrokerGuardError('USAGE', `${flag} needs a value`);
        return v;
      };
      if (flag === '--help' || flag === '-h') {
        io.stdout(HELP);
        return EXIT_OK;
      } else if (flag === '--output' || flag === '-o') output = value();
      else if (flag === '--root') root = resolve(value());
      else if (flag.startsWith('-'))
        throw new BrokerGuardError(
          'USAGE',
          `unknown option "${flag}"; allowed: --output, --root, --help`,
        );
      else if (input)
        throw new BrokerGuardError('USAGE', `name one report, got "${input}" and "${flag}"`);
      else input = flag;
    }
    if (!input)
      throw new BrokerGuardError(
        'USAGE',
        'name the validation report (cdk.out/validation-report.json)',
      );
  } catch (err) {
    io.stderr(`brokerguard sarif: ${(err as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(input, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? `not valid JSON: ${(err as Error).message}`;
    io.stderr(`brokerguard sarif: ${input}: cannot read (${why})\n`);
    return EXIT_USAGE;
  }
  let text: string;
  try {
    text = `${JSON.stringify(validationReportToSarif(report, root), null, 2)}\n`;
  } catch (err) {
    if (!(err instanceof BrokerGuardError)) throw err;
    io.stderr(`brokerguard sarif: ${input}: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (output) writeFileSync(output, text);
  else io.stdout(text);
  return EXIT_OK;
};
