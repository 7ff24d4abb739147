import { BrokerGuardError } from '../errors';
import type { CheckOptions, TemplateReport } from '../policy/check/check-templates';
import {
  CliVerb,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  inputKind,
  oneLine,
  reportUsage,
  writeOutputFile,
} from './io';
import { parseOptions } from './options';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const COMMAND = 'brokerguard check';

const HELP = `usage: brokerguard check <template | cdk.out>... [--format text|json|sarif] [--aws-solutions] [--output FILE]

Checks CloudFormation templates (JSON, or YAML with short-form intrinsics) with the
BrokerGuardChecks rules; --aws-solutions adds cdk-nag's AwsSolutions pack.
Exit 0: no error-level findings; 1: error-level findings; 2: unreadable input or usage error.
A template that cannot be read is named on stderr and the others are still checked (exit 2).
`;

interface Args {
  files: string[];
  format: Format;
  options: CheckOptions;
  output?: string;
}

/** Parses argv; throws BrokerGuardError USAGE naming the argument and what is allowed. */
export function parseCheckArgs(argv: string[]): Args | 'help' {
  const { values, positionals, help } = parseOptions(argv, {
    format: { type: 'string', choices: FORMATS },
    'aws-solutions': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  if (help) return 'help';
  if (positionals.length === 0) {
    throw new BrokerGuardError('USAGE', 'name at least one template file or cdk.out directory');
  }
  return {
    files: positionals,
    format: (values.format ?? 'text') as Format,
    options: { awsSolutions: values['aws-solutions'] ?? false },
    output: values.output,
  };
}

/**
 * The rules and formats, loaded once the arguments are known to be good: a usage error is
 * answered before aws-cdk-lib and the rule pack load.
 */
async function loadEngine() {
  const [access, check, formats] = await Promise.all([
    import('../policy/access/access-matrix'),
    import('../policy/check/check-templates'),
    import('../policy/check/report-formats'),
  ]);
  return { ...formats, templateFiles: access.templateFiles, checkTemplate: check.checkTemplate };
}
type Engine = Awaited<ReturnType<typeof loadEngine>>;

/** The reports of one path: a template, or every stack template of a cloud assembly. */
function checkPath(
  path: string,
  options: CheckOptions,
  { templateFiles, checkTemplate }: Engine,
): TemplateReport[] {
  const files = inputKind(path) === 'directory' ? templateFiles(path) : [path];
  if (files.length === 0) {
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${path}: no *.template.json in this directory`,
    );
  }
  return files.map((file) => {
    try {
      return checkTemplate(file, options);
    } catch (err) {
      if (err instanceof BrokerGuardError) throw err;
      // A template the rules did not expect is still this template's problem, not the others'.
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new BrokerGuardError('TEMPLATE_UNCHECKED', `${file}: cannot check (${oneLine(what)})`);
    }
  });
}

/** `brokerguard check <template>...`: the policy pack for any CloudFormation template. */
export const run: CliVerb = async (argv, io) => {
  let args;
  try {
    args = parseCheckArgs(argv);
  } catch (err) {
    return reportUsage(io, COMMAND, (err as Error).message, { helpHint: true });
  }
  if (args === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const reports: TemplateReport[] = [];
  const unreadable: string[] = [];
  let engine: Engine | undefined;
  for (const path of args.files) {
    try {
      inputKind(path);
      engine ??= await loadEngine();
      reports.push(...checkPath(path, args.options, engine));
    } catch (err) {
      if (!(err instanceof BrokerGuardError)) throw err;
      unreadable.push(err.message);
    }
  }
  for (const message of unreadable) reportUsage(io, COMMAND, message);
  // One bad path among several: the others are still reported, and the exit code says 2.
  if (engine && reports.length > 0) {
    const text =
      args.format === 'json'
        ? engine.formatJson(reports)
        : args.format === 'sarif'
          ? `${JSON.stringify(engine.toSarifLog(reports), null, 2)}\n`
          : engine.formatText(reports);
    if (args.output) {
      try {
        writeOutputFile(args.output, text);
      } catch (err) {
        return reportUsage(io, COMMAND, (err as Error).message);
      }
    } else io.stdout(text);
  }
  if (unreadable.length > 0) return EXIT_USAGE;
  return engine?.hasErrors(reports) ? EXIT_FINDINGS : EXIT_OK;
};
