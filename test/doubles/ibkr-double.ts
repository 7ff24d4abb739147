/**
 * An HTTP double of IBKR's Web API OAuth 1.0a endpoints. It holds the server's side of the
 * account: the plaintext access-token secret and the user's public signature key. It verifies
 * the RSA-SHA256 signature of live session token requests, does its own side of the
 * Diffie-Hellman exchange (BigInt arithmetic, independent of the client's node:crypto DH),
 * and verifies HMAC-SHA256 signatures on every other call. Its base-string and encoding code
 * is written separately from lib/runtime/ibkr-oauth.ts on purpose: a shared bug would pass.
 *
 * Faults on demand: 401, 410, 500, a timeout (no answer), or a wrong LST signature.
 */
import {
  constants,
  createHmac,
  generateKeyPairSync,
  getDiffieHellman,
  KeyObject,
  publicEncrypt,
  randomBytes,
  verify,
} from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export type IbkrFault = 401 | 410 | 500 | 'timeout' | 'bad-signature';
export type IbkrRoute = 'lst' | 'protected';

export interface IbkrAccount {
  readonly consumerKey: string;
  readonly accessToken: string;
  /** Plaintext of the access-token secret (its hex is the prepend). */
  readonly accessTokenSecretPlain: Buffer;
  readonly signaturePublicKey: KeyObject;
  readonly dhPrimeHex: string;
  readonly dhGenerator: number;
  readonly realm: string;
  /** The issuer secret a user would put, without baseUrl (known once the double listens). */
  readonly issuerSecret: Record<string, string | number>;
}

/** RFC 3526 group 14 (2048-bit MODP), the size IBKR's portal expects. */
export const TEST_DH_PRIME_HEX = getDiffieHellman('modp14').getPrime('hex');

/** A throwaway account: fresh RSA keys, never those of a real account. */
export function createTestAccount(consumerKey = 'TESTCONSK'): IbkrAccount {
  const sig = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const enc = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const accessTokenSecretPlain = randomBytes(40);
  const accessTokenSecret = publicEncrypt(
    { key: enc.publicKey, padding: constants.RSA_PKCS1_PADDING },
    accessTokenSecretPlain,
  ).toString('base64');
  const accessToken = randomBytes(10).toString('hex');
  return {
    consumerKey,
    accessToken,
    accessTokenSecretPlain,
    signaturePublicKey: sig.publicKey,
    dhPrimeHex: TEST_DH_PRIME_HEX,
    dhGenerator: 2,
    realm: 'limited_poa',
    issuerSecret: {
      consumerKey,
      accessToken,
      accessTokenSecret,
      dhPrime: TEST_DH_PRIME_HEX,
      dhGenerator: 2,
      signaturePrivateKeyPem: sig.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      encryptionPrivateKeyPem: enc.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      realm: 'limited_poa',
    },
  };
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    exp >>= 1n;
    base = (base * base) % mod;
  }
  return result;
}

/** quote_plus, written out by character class rather than borrowed from the library. */
function formEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

export interface IbkrDoubleOptions {
  /** LST lifetime the double grants. @default 24 hours */
  readonly lifetimeMs?: number;
  /** Force K's bit length: the sign-byte rule only matters when it is a multiple of 8. */
  readonly kBitLength?: 'multiple-of-8' | 'not-multiple-of-8';
  /** Whether a new mint invalidates older tokens (IBKR's behaviour is unknown). @default false */
  readonly invalidatePreviousOnMint?: boolean;
}

export class IbkrDouble {
  private server?: http.Server;
  private readonly faults: Record<IbkrRoute, IbkrFault[]> = { lst: [], protected: [] };
  private readonly valid = new Map<string, number>();
  baseUrl = '';
  mints = 0;
  /** Every LST the double issued, for leak checks. */
  readonly issued: string[] = [];
  /** Bit lengths of every K derived, for the sign-byte test. */
  readonly kBitLengths: number[] = [];
  protectedCalls = 0;

  constructor(
    private readonly account: IbkrAccount,
    private readonly options: IbkrDoubleOptions = {},
  ) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.serve(req, res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/api`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** The next `times` calls to `route` fail with `fault`. */
  failNext(route: IbkrRoute, fault: IbkrFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults[route].push(fault);
  }

  /** Whether the double would accept this LST right now. */
  accepts(liveSessionToken: string): boolean {
    return (this.valid.get(liveSessionToken) ?? 0) > Date.now();
  }

  /** Invalidates every issued token, as a session reset at IBKR would. */
  revokeAll(): void {
    this.valid.clear();
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const route: IbkrRoute = url.pathname.endsWith('/oauth/live_session_token')
      ? 'lst'
      : 'protected';
    const fault = this.faults[route].shift();
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (fault === 'timeout') return; // never answers; the client must give up
    if (typeof fault === 'number') return send(fault, { error: `injected ${fault}` });
    if (req.method !== 'POST' && route === 'lst') return send(405, { error: 'POST only' });
    const params = parseOAuthHeader(req.headers.authorization);
    if (!params || params.realm !== this.account.realm)
      return send(401, { error: 'bad Authorization header' });
    if (params.oauth_consumer_key !== this.account.consumerKey)
      return send(401, { error: 'invalid consumer' });
    if (params.oauth_token !== this.account.accessToken)
      return send(401, { error: 'invalid token' });
    if (!/^[A-Za-z0-9]{16}$/.test(params.oauth_nonce ?? ''))
      return send(401, { error: 'bad nonce' });
    if (Math.abs(Number(params.oauth_timestamp) - Date.now() / 1000) > 300)
      return send(401, { error: 'bad timestamp' });
    const signature = Buffer.from(
      decodeURIComponent((params.oauth_signature ?? '').replace(/\+/g, ' ')),
      'base64',
    );
    const signed: Record<string, string> = {};
    for (const [k, v] of Object.entries(params))
      if (k !== 'realm' && k !== 'oauth_signature') signed[k] = v;
    url.searchParams.forEach((v, k) => (signed[k] = v));
    const paramString = Object.keys(signed)
      .sort()
      .map((k) => `${k}=${signed[k]}`)
      .join('&');
    const bare = `http://${req.headers.host}${url.pathname}`;
    const base = `${req.method}&${formEncode(bare)}&${formEncode(paramString)}`;
    if (route === 'lst') return this.mint(params, base, signature, fault === 'bad-signature', send);
    this.protectedCalls++;
    if (params.oauth_signature_method !== 'HMAC-SHA256')
      return send(401, { error: 'HMAC-SHA256 expected' });
    const ok = [...this.valid].some(
      ([lst, exp]) =>
        exp > Date.now() &&
        createHmac('sha256', Buffer.from(lst, 'base64')).update(base).digest().equals(signature),
    );
    if (!ok) return send(401, { error: 'invalid signature or expired token' });
    if (url.pathname.endsWith('/iserver/auth/status')) {
      return send(200, { authenticated: true, competing: false, connected: true });
    }
    return send(200, { ok: true, path: url.pathname.replace(/^\/v1\/api/, '') });
  }

  private mint(
    params: Record<string, string>,
    base: string,
    signature: Buffer,
    badSignature: boolean,
    send: (status: number, body: unknown) => void,
  ) {
    const prepend = this.account.accessTokenSecretPlain.toString('hex');
    if (params.oauth_signature_method !== 'RSA-SHA256')
      return send(401, { error: 'RSA-SHA256 expected' });
    if (
      !verify('sha256', Buffer.from(prepend + base), this.account.signaturePublicKey, signature)
    ) {
      return send(401, { error: 'invalid signature' });
    }
    const challenge = params.diffie_hellman_challenge ?? '';
    if (!/^[0-9a-f]+$/.test(challenge)) return send(400, { error: 'bad diffie_hellman_challenge' });
    const p = BigInt('0x' + this.account.dhPrimeHex);
    const A = BigInt('0x' + challenge);
    let b: bigint;
    let K: bigint;
    for (;;) {
      b = BigInt('0x' + randomBytes(32).toString('hex'));
      K = modPow(A, b, p);
      const multiple = K.toString(2).length % 8 === 0;
      const want = this.options.kBitLength;
      if (!want || (want === 'multiple-of-8') === multiple) break;
    }
    const B = modPow(BigInt(this.account.dhGenerator), b, p);
    this.kBitLengths.push(K.toString(2).length);
    let kHex = K.toString(16);
    if (kHex.length % 2) kHex = '0' + kHex;
    if (K.toString(2).length % 8 === 0) kHex = '00' + kHex; // Java BigInteger's sign byte
    const lst = createHmac('sha1', Buffer.from(kHex, 'hex'))
      .update(Buffer.from(prepend, 'hex'))
      .digest('base64');
    let lstSignature = createHmac('sha1', Buffer.from(lst, 'base64'))
      .update(this.account.consumerKey)
      .digest('hex');
    if (badSignature) lstSignature = lstSignature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const expiration = Date.now() + (this.options.lifetimeMs ?? 24 * 3600 * 1000);
    if (!badSignature) {
      if (this.options.invalidatePreviousOnMint) this.valid.clear();
      this.valid.set(lst, expiration);
    }
    this.mints++;
    this.issued.push(lst);
    send(200, {
      diffie_hellman_response: B.toString(16),
      live_session_token_signature: lstSignature,
      live_session_token_expiration: expiration,
    });
  }
}
