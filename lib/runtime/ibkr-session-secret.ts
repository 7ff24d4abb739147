/**
 * The IBKR session secret (the contract in DESIGN.md): what the rotation function writes and
 * the trading server reads. It holds the live session token and the two identifiers needed to
 * sign with it — never the long-lived OAuth keys.
 */
import { BrokerGuardError } from '../errors';

export interface IbkrSessionSecret {
  /** Base64 live session token. */
  readonly liveSessionToken: string;
  /** Expiry in epoch milliseconds, as IBKR returns it. */
  readonly expiresAt: number;
  readonly consumerKey: string;
  readonly accessToken: string;
  readonly realm: string;
  readonly baseUrl: string;
}

/**
 * Parses a session secret's SecretString. Errors name the missing field, never a value: the
 * string is a credential.
 */
export function parseSessionSecret(
  secretString: string | undefined,
  secretId: string,
): IbkrSessionSecret {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(secretString ?? '') as Record<string, unknown>;
  } catch {
    throw new BrokerGuardError('SESSION_SECRET_INVALID', `session secret ${secretId} is not JSON`);
  }
  const missing = ['liveSessionToken', 'consumerKey', 'accessToken', 'realm', 'baseUrl'].filter(
    (k) => typeof raw?.[k] !== 'string' || raw[k] === '',
  );
  if (typeof raw?.expiresAt !== 'number') missing.push('expiresAt');
  if (missing.length > 0) {
    throw new BrokerGuardError(
      'SESSION_SECRET_INVALID',
      `session secret ${secretId} lacks ${missing.join(', ')}: has the rotation function minted a token yet? (aws secretsmanager rotate-secret --secret-id ${secretId})`,
    );
  }
  return raw as unknown as IbkrSessionSecret;
}
