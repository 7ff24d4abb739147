import { basename } from 'node:path';
import { BrokerGuardError } from '../errors';
import {
  accessMatrix,
  MATRIX_FORMATS,
  MatrixFormat,
  renderMatrices,
  templateFiles,
} from '../policy/access/access-matrix';
import { loadTemplate } from '../policy/check/load-template';
import { TemplateModel } from '../policy/model/template-model';
import { CliVerb, EXIT_OK, EXIT_USAGE } from './io';

const HELP = `usage: brokerguard access <template | cdk.out> [--format table|markdown|json]

Prints who can do what to each secret and key (read, write, rotate, decrypt), from identity
policies, permissions boundaries, secret resource policies and key policies. A cdk.out
directory means every *.template.json in it. The SEG rules judge this same analysis.
`;

/** `brokerguard access`: the principal × secret/key matrix of templates. */
export const run: CliVerb = async (argv, io) => {
  const paths: string[] = [];
  let format: MatrixFormat = 'table';
  try {
    for (let i = 0; i < argv.length; i++) {
      const [flag, inline] = argv[i].startsWith('--')
        ? argv[i].split(/=(.*)/s, 2)
        : [argv[i], undefined];
      if (flag === '--help' || flag === '-h') {
        io.stdout(HELP);
        return EXIT_OK;
      } else if (flag === '--format') {
        const v = inline ?? argv[++i];
        if (!(MATRIX_FORMATS as readonly string[]).includes(v ?? '')) {
          throw new BrokerGuardError(
            'USAGE',
            `--format "${v ?? ''}" is not allowed; use one of ${MATRIX_FORMATS.join(', ')}`,
          );
        }
        format = v as MatrixFormat;
      } else if (flag.startsWith('-')) {
        throw new BrokerGuardError('USAGE', `unknown option "${flag}"; allowed: --format, --help`);
      } else paths.push(flag);
    }
    if (paths.length === 0)
      throw new BrokerGuardError('USAGE', 'name a template file or a cdk.out directory');
  } catch (err) {
    io.stderr(`brokerguard access: ${(err as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const matrices = [];
  try {
    for (const path of paths) {
      let files: string[];
      try {
        files = templateFiles(path);
      } catch (err) {
        throw new BrokerGuardError(
          'TEMPLATE_UNREADABLE',
          `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})`,
        );
      }
      if (files.length === 0)
        throw new BrokerGuardError(
          'TEMPLATE_UNREADABLE',
          `${path}: no *.template.json in this directory`,
        );
      for (const file of files) {
        const name = files.length > 1 || file !== path ? basename(file) : file;
        matrices.push(accessMatrix(TemplateModel.fromTemplate(loadTemplate(file), name)));
      }
    }
  } catch (err) {
    if (!(err instanceof BrokerGuardError)) throw err;
    io.stderr(`brokerguard access: ${err.message}\n`);
    return EXIT_USAGE;
  }
  io.stdout(renderMatrices(matrices, format));
  return EXIT_OK;
};
