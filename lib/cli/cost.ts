import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BrokerGuardError } from '../errors';
import {
  applyAssumeFlag,
  applyAssumptionsJson,
  Assumptions,
  defaultAssumptions,
} from '../cost/assumptions';
import { estimateCost } from '../cost/estimate';
import { COST_FORMATS, CostFormat, costJson, costText } from '../cost/report';
import { templateFiles } from '../policy/access/access-matrix';
import { loadTemplate } from '../policy/check/load-template';
import { TemplateModel } from '../policy/model/template-model';
import {
  CliVerb,
  EXIT_OK,
  EXIT_USAGE,
  fileErrorReason,
  inputKind,
  reportUsage,
  writeOutputFile,
} from './io';
import { parseOptions } from './options';

const COMMAND = 'brokerguard cost';
const DEFAULT_INPUT = 'cdk.out';

const HELP = `usage: brokerguard cost [template | cdk.out]... [--format text|json] [--assume name=value,...]
                        [--assumptions FILE] [--output FILE]

Estimates what the deployment costs a month at list prices (one region, a dated table;
free tiers not applied), per resource, per segment (the brokerguard:segment tag; untagged:
shared) and in total, in two scenarios: paused (ECS services at the template's DesiredCount)
and running (gateway tasks running). A cdk.out directory (the default) means every
*.template.json in it. Volumes the template cannot tell are named assumptions, printed with
the report: --assume gatewayHoursPerMonth=152 sets one for both scenarios,
--assume running.appLogMbPerMonth=50 for one; --assumptions FILE reads a JSON object of
name: value or name: {paused, running}. Types the table does not know are listed as not priced.
Exit 0: printed; 2: unreadable input or usage error.
`;

interface Args {
  readonly paths: string[];
  readonly format: CostFormat;
  readonly assumptions: Assumptions;
  readonly output?: string;
}

function readAssumptionsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BrokerGuardError(
      'INPUT_UNREADABLE',
      `--assumptions: cannot read ${file}: ${fileErrorReason(err)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BrokerGuardError(
      'INPUT_UNREADABLE',
      `--assumptions ${file}: not valid JSON: ${(err as Error).message}`,
    );
  }
}

/** Parses argv; throws BrokerGuardError naming the argument and what is allowed. */
export function parseCostArgs(argv: string[]): Args | 'help' {
  const { values, positionals, help } = parseOptions(argv, {
    format: { type: 'string', choices: COST_FORMATS },
    assume: { type: 'string' },
    assumptions: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (help) return 'help';
  let assumptions = defaultAssumptions();
  // The file first: a flag on the command line is the more specific wish.
  if (values.assumptions) {
    assumptions = applyAssumptionsJson(
      assumptions,
      readAssumptionsFile(values.assumptions),
      values.assumptions,
    );
  }
  if (values.assume) assumptions = applyAssumeFlag(assumptions, values.assume);
  return {
    paths: positionals.length > 0 ? positionals : [DEFAULT_INPUT],
    format: (values.format ?? 'text') as CostFormat,
    assumptions,
    output: values.output,
  };
}

/** The models of one path: a template, or every stack template of a cloud assembly. */
function pathModels(path: string): TemplateModel[] {
  const files = inputKind(path) === 'directory' ? templateFiles(path) : [path];
  if (files.length === 0) {
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${path}: no *.template.json in this directory`,
    );
  }
  return files.map((file) => {
    const name = files.length > 1 || file !== path ? basename(file) : file;
    return TemplateModel.fromTemplate(loadTemplate(file), name);
  });
}

/** `brokerguard cost`: the monthly list-price estimate of templates, paused and running. */
export const run: CliVerb = async (argv, io) => {
  let args;
  try {
    args = parseCostArgs(argv);
  } catch (err) {
    if (!(err instanceof BrokerGuardError)) throw err;
    return reportUsage(io, COMMAND, err.message, { helpHint: err.code === 'USAGE' });
  }
  if (args === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const models: TemplateModel[] = [];
  let unreadable = false;
  for (const path of args.paths) {
    try {
      models.push(...pathModels(path));
    } catch (err) {
      if (!(err instanceof BrokerGuardError)) throw err;
      reportUsage(io, COMMAND, err.message);
      unreadable = true;
    }
  }
  if (models.length > 0) {
    const estimate = estimateCost(models, args.assumptions);
    const text =
      args.format === 'json'
        ? costJson(estimate, args.assumptions)
        : costText(estimate, args.assumptions);
    if (args.output) {
      try {
        writeOutputFile(args.output, text);
      } catch (err) {
        return reportUsage(io, COMMAND, (err as Error).message);
      }
    } else io.stdout(text);
  }
  return unreadable ? EXIT_USAGE : EXIT_OK;
};
