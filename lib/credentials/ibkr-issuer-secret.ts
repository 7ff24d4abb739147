/**
 * The IBKR issuer secret (the contract in DESIGN.md): the long-lived OAuth material from
 * IBKR's self-service portal. Only the session rotation function reads it.
 */
import { checkPrimeSync } from 'node:crypto';
import { BrokerGuardError } from '../errors';

export interface IbkrIssuerSecret {
  readonly consumerKey: string;
  readonly accessToken: string;
  /** Base64, exactly as the portal shows it. */
  readonly accessTokenSecret: string;
  /**
   * The prime of the DH parameters uploaded to the portal, as lowercase hex without `0x`
   * (parsed as a number: leading zeros and an odd digit count are fine, as in IBKR's clients).
   */
  readonly dhPrime: string;
  /** A number, or a string of decimal digits. @default 2 */
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
  const prime = parseDhPrime(raw.dhPrime as string, secretId);
  const dhGenerator = parseDhGenerator(raw.dhGenerator ?? 2, prime, secretId);
  const dhPrime = prime.toString(16);
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

/** IBKR's consumer registration asks for a 2048-bit Diffie-Hellman prime. */
const MIN_PRIME_BITS = 2048;
/** Far above any DH prime in use; keeps the primality check short. */
const MAX_PRIME_HEX_DIGITS = 2048;

/**
 * Reads dhPrime as a number, like ibind (`int(dh_prime, 16)`) and IBKR's Java client
 * (BigInteger): an odd digit count is a valid spelling, not a reason to refuse, and reading it
 * as bytes would silently drop the last digit. A digit lost or mistyped while copying is
 * caught instead by the primality check, which is what such a mistake breaks. Errors give
 * lengths and bit counts, never digits: the prime is not secret, but errors carry no key
 * material of any kind.
 */
function parseDhPrime(value: string, secretId: string): bigint {
  const digits = value.trim().replace(/^0x/i, '');
  const where = `issuer secret ${secretId}: dhPrime`;
  if (!/^[0-9a-fA-F]+$/.test(digits)) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `${where} must be the prime in hex digits (an optional 0x; no colons or spaces, as openssl's -text output has), got ${value.length} characters with other characters in them`,
    );
  }
  if (digits.length > MAX_PRIME_HEX_DIGITS) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `${where} must be at most ${MAX_PRIME_HEX_DIGITS} hex digits (8192 bits), got ${digits.length}`,
    );
  }
  const prime = BigInt('0x' + digits);
  const bits = prime.toString(2).length;
  // About 0.1 s for 2048 bits, paid once per issuer version (the rotation function caches it).
  if (!checkPrimeSync(prime)) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `${where} (${digits.length} hex digits, ${bits} bits) is not a prime: a digit was likely lost or changed in copying; take it again from dhparam.pem`,
    );
  }
  if (bits < MIN_PRIME_BITS) {
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `${where} must be a prime of at least ${MIN_PRIME_BITS} bits (the dhparam.pem uploaded to IBKR's portal), got a ${bits}-bit prime from ${digits.length} hex digits`,
    );
  }
  return prime;
}

/** A JSON number or a string of decimal digits (ibind's config holds it as a string). */
function parseDhGenerator(value: unknown, prime: bigint, secretId: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^[0-9]{1,15}$/.test(value.trim())
        ? Number(value.trim())
        : NaN;
  if (!Number.isSafeInteger(n) || n < 2 || BigInt(n) > prime - 2n) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 20)}"` : String(value);
    throw new BrokerGuardError(
      'ISSUER_SECRET_INVALID',
      `issuer secret ${secretId}: dhGenerator must be an integer from 2 to dhPrime - 2 (IBKR uses 2), got ${shown}`,
    );
  }
  return n;
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
