import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** cdk.json's embedded default configuration (raw, as a user writes it). */
export const DEFAULT_CONFIG = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context.brokerguard;

/** The credentials of the embedded default configuration. */
export const DEFAULT_CREDENTIALS: any[] = DEFAULT_CONFIG.credentials;
