/**
 * For the trading server: reads the IBKR session secret, caches it, and signs requests with
 * its live session token. The server never sees the long-lived OAuth keys; those stay in the
 * issuer secret that only the rotation function can read.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BrokerGuardError } from '../errors';
import { ibkrRequest, IbkrResponse } from './ibkr-http';
import { signedAuthorizationHeader } from './ibkr-oauth';
import { IbkrSessionSecret, parseSessionSecret } from './ibkr-session-secret';

export interface SessionTokenProviderProps {
  /** Name or ARN of the session secret, e.g. `paper/automation/ibkr-session`. */
  readonly secretId: string;
  /** @default - a SecretsManagerClient for the ambient region and credentials */
  readonly client?: SecretsManagerClient;
  /**
   * Re-read the secret when the cached token has less than this left.
   * @default 30 minutes
   */
  readonly refreshBeforeExpiryMs?: number;
  /**
   * Re-read the secret at least this often, so a token rotated early is picked up without
   * waiting for a 401.
   * @default 1 hour
   */
  readonly maxCacheAgeMs?: number;
  /** Limit for each IBKR request. @default 10000 */
  readonly timeoutMs?: number;
  /** The clock for cache and expiry decisions (OAuth timestamps always use the real one). @default Date.now */
  readonly now?: () => number;
}

interface Cached {
  readonly session: IbkrSessionSecret;
  readonly readAt: number;
}

/**
 * Supplies the current IBKR live session token and signs requests with it.
 *
 * @example
 * const ibkr = new SessionTokenProvider({ secretId: 'paper/automation/ibkr-session' });
 * const res = await ibkr.request('GET', '/portfolio/accounts');
 */
export class SessionTokenProvider {
  private readonly client: SecretsManagerClient;
  private readonly now: () => number;
  private cached?: Cached;
  private reading?: Promise<IbkrSessionSecret>;

  constructor(private readonly props: SessionTokenProviderProps) {
    this.client = props.client ?? new SecretsManagerClient({});
    this.now = props.now ?? Date.now;
  }

  /** The session, from cache while it is fresh; re-read near expiry or when the cache is old. */
  async session(): Promise<IbkrSessionSecret> {
    const c = this.cached;
    const now = this.now();
    const fresh =
      c !== undefined &&
      c.session.expiresAt - now > (this.props.refreshBeforeExpiryMs ?? 30 * 60_000) &&
      now - c.readAt < (this.props.maxCacheAgeMs ?? 3_600_000);
    if (fresh) return c.session;
    const session = await this.read();
    if (session.expiresAt <= this.now()) {
      throw new BrokerGuardError(
        'SESSION_TOKEN_EXPIRED',
        `the live session token in ${this.props.secretId} expired at ${new Date(session.expiresAt).toISOString()}: its rotation is failing (look for RotationFailed events of that secret)`,
      );
    }
    return session;
  }

  /** Forgets the cached token; the next call re-reads the secret. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The `Authorization` header for one request (HMAC-SHA256 OAuth). */
  async authorization(method: string, url: string): Promise<string> {
    return signedAuthorizationHeader(await this.session(), method, url);
  }

  /**
   * Sends one signed request. `path` is relative to the session's baseUrl (`/iserver/...`) or
   * a full URL. On a 401 it re-reads the secret and, if the token changed, retries once.
   */
  async request(method: string, path: string, body?: unknown): Promise<IbkrResponse> {
    const first = await this.session();
    try {
      return await this.send(first, method, path, body);
    } catch (e) {
      if ((e as BrokerGuardError).code !== 'IBKR_UNAUTHORIZED') throw e;
      this.invalidate();
      const second = await this.session();
      if (second.liveSessionToken === first.liveSessionToken) throw e;
      return this.send(second, method, path, body);
    }
  }

  private send(session: IbkrSessionSecret, method: string, path: string, body: unknown) {
    const url = /^https?:\/\//.test(path)
      ? path
      : `${session.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
    return ibkrRequest({
      method,
      url,
      authorization: signedAuthorizationHeader(session, method, url),
      body,
      timeoutMs: this.props.timeoutMs ?? 10_000,
    });
  }

  /** One read at a time: concurrent callers share it. */
  private read(): Promise<IbkrSessionSecret> {
    this.reading ??= (async () => {
      try {
        const got = await this.client.send(
          new GetSecretValueCommand({ SecretId: this.props.secretId }),
        );
        const session = parseSessionSecret(got.SecretString, this.props.secretId);
        this.cached = { session, readAt: this.now() };
        return session;
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
