import { basename } from 'node:path';
import { BrokerGuardError } from '../errors';
import {
  AccessMatrix,
  accessMatrix,
  MATRIX_FORMATS,
  MatrixFormat,
  renderMatrices,
  templateFiles,
} from '../policy/access/access-matrix';
import { loadTemplate } from '../policy/check/load-template';
import { TemplateModel } from '../policy/model/template-model';
import { CliVerb, EXIT_OK, EXIT_USAGE, inputKind, oneLine, reportUsage } from './io';
import { parseOptions } from './options';

const COMMAND = 'brokerguard access';

const HELP = `usage: brokerguard access <template | cdk.out>... [--format table|markdown|json]

Prints who can do what to each secret and key, from identity policies, permissions
boundaries, secret resource policies and key policies, evaluated as IAM does. Columns: read,
write, rotate, decrypt via SM (what GetSecretValue needs of KMS: kms:ViaService = Secrets
Manager, the secret's ARN in the encryption context) and decrypt direct (kms:Decrypt called
by the principal). Each cell is
  allow        AWS would allow it
  conditional  it turns on a condition the template cannot decide (listed below the table)
  deny         something grants it, but an explicit deny, the permissions boundary or the key
               policy takes it away (the reason is listed below the table)
  -            nothing grants it
A cdk.out directory means every *.template.json in it. The SEG rules judge this same analysis.
Exit 0: printed; 2: unreadable input or usage error (the readable templates are still printed).
`;

/** The matrices of one path: a template, or every stack template of a cloud assembly. */
function pathMatrices(path: string): AccessMatrix[] {
  const files = inputKind(path) === 'directory' ? templateFiles(path) : [path];
  if (files.length === 0) {
    throw new BrokerGuardError(
      'TEMPLATE_UNREADABLE',
      `${path}: no *.template.json in this directory`,
    );
  }
  return files.map((file) => {
    const name = files.length > 1 || file !== path ? basename(file) : file;
    const template = loadTemplate(file);
    try {
      return accessMatrix(TemplateModel.fromTemplate(template, name));
    } catch (err) {
      if (err instanceof BrokerGuardError) throw err;
      // A template the analysis did not expect is still this template's problem, not the others'.
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new BrokerGuardError(
        'TEMPLATE_UNCHECKED',
        `${file}: cannot analyse (${oneLine(what)})`,
      );
    }
  });
}

/** `brokerguard access`: the principal × secret/key matrix of templates. */
export const run: CliVerb = async (argv, io) => {
  let paths: string[];
  let format: MatrixFormat;
  try {
    const { values, positionals, help } = parseOptions(argv, {
      format: { type: 'string', choices: MATRIX_FORMATS },
    });
    if (help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (positionals.length === 0) {
      throw new BrokerGuardError('USAGE', 'name a template file or a cdk.out directory');
    }
    paths = positionals;
    format = (values.format ?? 'table') as MatrixFormat;
  } catch (err) {
    return reportUsage(io, COMMAND, (err as Error).message, { helpHint: true });
  }
  const matrices: AccessMatrix[] = [];
  let unreadable = false;
  for (const path of paths) {
    try {
      matrices.push(...pathMatrices(path));
    } catch (err) {
      if (!(err instanceof BrokerGuardError)) throw err;
      reportUsage(io, COMMAND, err.message);
      unreadable = true;
    }
  }
  if (matrices.length > 0) io.stdout(renderMatrices(matrices, format));
  return unreadable ? EXIT_USAGE : EXIT_OK;
};
