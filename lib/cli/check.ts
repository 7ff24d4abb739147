import { existsSync, writeFileSync } from 'node:fs';
import { BrokerGuardError } from '../errors';
import { templateFiles } from '../policy/access/access-matrix';
import { CheckOptions, checkTemplate, TemplateReport } from '../policy/check/check-templates';
import { formatJson, formatText, hasErrors, toSarifLog } from '../policy/check/report-formats';
import { CliVerb, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `usage: brokerguard check <template | cdk.out>... [--format text|json|sarif] [--aws-solutions] [--output FILE]

Checks CloudFormation templates (JSON, or YAML with short-form intrinsics) with the
BrokerGuardChecks rules; --aws-solutions adds cdk-nag's AwsSolutions pack.
Exit 0: no error-level findings; 1: error-level findings; 2: unreadable input or usage error.
`;

interface Args {
  files: string[];
  format: Format;
  options: CheckOptions;
  output?: string;
}

/** Parses argv; throws BrokerGuardError USAGE naming the argument and what is allowed. */
export function parseCheckArgs(argv: string[]): Args | 'help' {
  const files: string[] = [];
  let format: Format = 'text';
  let awsSolutions = false;
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new BrokerGuardError('USAGE', `${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--aws-solutions') awsSolutions = true;
    else if (flag === '--output' || flag === '-o') output = value();
    else if (flag === '--format') {
      const v = value();
      if (!(FORMATS as readonly string[]).includes(v)) {
        throw new BrokerGuardError(
          'USAGE',
          `--format "${v}" is not allowed; use one of ${FORMATS.join(', ')}`,
        );
      }
      format = v as Format;
    } else if (arg.startsWith('-')) {
      throw new BrokerGuardError(
        'USAGE',
        `unknown option "${arg}"; allowed: --format, --aws-solutions, --output, --help`,
      );
    } else files.push(arg);
  }
  if (files.length === 0) throw new BrokerGuardError('USAGE', 'name at least one template file');
  return { files, format, options: { awsSolutions }, output };
}

/** `brokerguard check <template>...`: the policy pack for any CloudFormation template. */
export const run: CliVerb = async (argv, io) => {
  let args;
  try {
    args = parseCheckArgs(argv);
  } catch (err) {
    io.stderr(`brokerguard check: ${(err as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (args === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const reports: TemplateReport[] = [];
  const unreadable: string[] = [];
  for (const path of args.files) {
    try {
      // A cloud assembly (cdk.out) stands for its stack templates.
      const files = existsSync(path) ? templateFiles(path) : [path];
      if (files.length === 0)
        throw new BrokerGuardError(
          'TEMPLATE_UNREADABLE',
          `${path}: no *.template.json in this directory`,
        );
      for (const file of files) reports.push(checkTemplate(file, args.options));
    } catch (err) {
      if (!(err instanceof BrokerGuardError)) throw err;
      unreadable.push(err.message);
    }
  }
  if (unreadable.length) {
    io.stderr(unreadable.map((m) => `brokerguard check: ${m}\n`).join(''));
    return EXIT_USAGE;
  }
  const text =
    args.format === 'json'
      ? formatJson(reports)
      : args.format === 'sarif'
        ? `${JSON.stringify(toSarifLog(reports), null, 2)}\n`
        : formatText(reports);
  if (args.output) writeFileSync(args.output, text);
  else io.stdout(text);
  return hasErrors(reports) ? EXIT_FINDINGS : EXIT_OK;
};
