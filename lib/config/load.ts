import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { BrokerGuardError } from '../errors';
import { yaml } from '../lazy-yaml';
import { parseConfig } from './parse';
import { BrokerGuardConfig } from './schema';

/** cdk.json context key holding the embedded configuration. */
export const CONFIG_CONTEXT_KEY = 'brokerguard';
/** Context key naming a JSON or YAML file that replaces the embedded configuration. */
export const CONFIG_FILE_CONTEXT_KEY = 'brokerguardConfig';

/** Reads and validates a JSON (`.json`) or YAML (`.yaml`, `.yml`) configuration file. */
export function loadConfigFile(file: string): BrokerGuardConfig {
  const ext = extname(file).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(ext)) {
    throw new BrokerGuardError(
      'CONFIG_FILE',
      `brokerguard: config file ${file}: extension "${ext || '(none)'}" is not allowed; use .json, .yaml or .yml`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BrokerGuardError(
      'CONFIG_FILE',
      `brokerguard: cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let raw: unknown;
  try {
    raw = ext === '.json' ? JSON.parse(text) : yaml().parse(text);
  } catch (err) {
    throw new BrokerGuardError(
      'CONFIG_FILE',
      `brokerguard: config file ${file} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    );
  }
  return parseConfig(raw, file);
}

/**
 * The configuration of an app: the file named by context `brokerguardConfig` when given,
 * otherwise the object under context `brokerguard` (cdk.json's embedded default).
 */
export function loadAppConfig(tryGetContext: (key: string) => unknown): BrokerGuardConfig {
  const file = tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  if (file !== undefined) {
    if (typeof file !== 'string' || file.length === 0) {
      throw new BrokerGuardError(
        'CONFIG_FILE',
        `brokerguard: context ${CONFIG_FILE_CONTEXT_KEY} must be a file path, got ${JSON.stringify(file)}`,
      );
    }
    return loadConfigFile(file);
  }
  const embedded = tryGetContext(CONFIG_CONTEXT_KEY);
  if (embedded === undefined) {
    throw new BrokerGuardError(
      'CONFIG_MISSING',
      `brokerguard: no configuration: set context "${CONFIG_CONTEXT_KEY}" in cdk.json or pass -c ${CONFIG_FILE_CONTEXT_KEY}=FILE`,
    );
  }
  return parseConfig(embedded, `cdk.json context "${CONFIG_CONTEXT_KEY}"`);
}
