/**
 * The IBKR issuer secret (the contract in DESIGN.md): the long-lived OAuth material from
 * IBKR's self-service portal. Only the session rotation function reads it.
 */
import { BrokerGuardError } from '../errors';

export interface IbkrIssuerSecret {
  readonly consumerKey: string;
  readonly accessToken: string;
  /** Base64, exactly as the portal shows it. */
  readonly accessTokenSecret: string;
  /** Hex prime of the DH parameters uploaded to the portal. */
  readonly dhPrime: string;
  /** @default 2 */
  readonly dhGenerator: number;
  readonly signaturePrivateKeyPem: string;
  readonly encryptionPrivateKeyPem: string;
  /** @default 'limited_poa' */
  readonly realm: string;
  /** @default 'https://api.ibkr.com/v1/api' */
  readonly baseUrl: string;
}

export const IBKR_DEFAULT_BASE_URL = 'https://api.ibkr.com/v1/api';

const REQUIRED = [
  'consumerKey',
  'accessToken',
  'accessTokenSecret',
  'dhPrime',
  'signaturePrivateKeyPem',
  'encryptionPrivateKeyPem',
] as const;

/** The command a user runs once after deploy; errors and the README both show it. */
export function putIssuerSecretCommand(secretId: string): string {
  return `aws secretsmanager put-secret-value --secret-id ${secretId} --secret-string file://ibkr-oauth.json`;
}

/**
 * Parses and checks the issuer secret. Errors name fields, never values.
 */
export function parseIssuerSecret(
  secretString: string | undefined,
  secretId: string,
): IbkrIssuerSecret {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(secretString ?? '') as Record<string, unknown>;
  } catch {
    throw new BrokerGuardError('ISSUER_SECRET_INVALID', `issuer secret ${secretId} is not JSON`);
  }
  const missing = REQUIRED.filter((k) => typeof raw?.[k] !== 'string' || raw[k] === '');
  if (missing.length === REQUIRED.length) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_EMPTY',
      `issuer secret ${secretId} holds no OAuth material yet: put it once with \`${putIssuerSecretCommand(secretId)}\`, then rotate the session secret`,
    );
  }
  if (missing.length > 0) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId} lacks ${missing.join(', ')}`,
    );
  }
  const dhPrime = String(raw.dhPrime).replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64,}$/.test(dhPrime)) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId}: dhPrime must be the prime in hex`,
    );
  }
  const dhGenerator = raw.dhGenerator ?? 2;
  if (typeof dhGenerator !== 'number' || !Number.isInteger(dhGenerator) || dhGenerator < 2) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId}: dhGenerator must be an integer ≥ 2, got ${String(dhGenerator)}`,
    );
  }
  const baseUrl = String(raw.baseUrl ?? IBKR_DEFAULT_BASE_URL).replace(/\/+$/, '');
  checkBaseUrl(baseUrl, secretId);
  return {
    consumerKey: raw.consumerKey as string,
    accessToken: raw.accessToken as string,
    accessTokenSecret: raw.accessTokenSecret as string,
    dhPrime,
    dhGenerator,
    signaturePrivateKeyPem: raw.signaturePrivateKeyPem as string,
    encryptionPrivateKeyPem: raw.encryptionPrivateKeyPem as string,
    realm: typeof raw.realm === 'string' && raw.realm ? raw.realm : 'limited_poa',
    baseUrl,
  };
}

/** Tokens never travel in clear text; plain http is accepted only for a local double. */
function checkBaseUrl(baseUrl: string, secretId: string) {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId}: baseUrl "${baseUrl}" is not a URL`,
    );
  }
  const loopback =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId}: baseUrl "${baseUrl}" must use https (plain http only on the loopback address)`,
    );
  }
}
