/**
 * An HTTP double of IBKR's Web API OAuth 1.0a endpoints. It holds the server's side of the
 * account: the plaintext access-token secret and the user's public signature key. It verifies
 * the RSA-SHA256 signature of live session token requests, does its own side of the
 * Diffie-Hellman exchange (BigInt arithmetic, independent of the client's node:crypto DH),
 * and verifies HMAC-SHA256 signatures on every other call. Its base-string and encoding code
 * is written separately from lib/runtime/ibkr-oauth.ts on purpose: a shared bug would pass.
 *
 * Faults on demand: 401, 410, 500, a timeout (no answer), a wrong LST signature, or a
 * degenerate DH response (B = 1).
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

export type IbkrFault = 401 | 410 | 500 | 'timeout' | 'bad-signature' | 'degenerate-dh';
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

/**
 * java.net.URLEncoder (UTF-8), the encoding of IBKR's Java SignatureBaseStringBuilder, written
 * out by byte rather than borrowed from the kit: letters, digits and `.-*_` stay, a space is `+`.
 */
function formEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.*_-]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * The signed parameters a server reads from the raw request target, as IBKR's Java
 * SignatureBaseStringBuilder does with `URI.getRawQuery()`: no decoding, duplicates kept, a
 * segment without `=` skipped, the value everything after the first `=`.
 */
function rawQueryPairs(rawQuery: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let begin = 0;
  while (begin < rawQuery.length) {
    let end = rawQuery.indexOf('&', begin);
    if (end === -1) end = rawQuery.length;
    const equals = rawQuery.indexOf('=', begin);
    if (equals !== -1 && equals < end) {
      out.push([rawQuery.substring(begin, equals), rawQuery.substring(equals + 1, end)]);
    }
    begin = end + 1;
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
  /** `http://127.0.0.1:<port>`: the URL the double is reached at, which it signs against. */
  origin = '';
  mints = 0;
  /** Every LST the double issued, for leak checks. */
  readonly issued: string[] = [];
  /** Bit lengths of every K derived, for the sign-byte test. */
  readonly kBitLengths: number[] = [];
  protectedCalls = 0;
  /** The raw query of the last protected call, as it came over the wire. */
  lastQuery = '';

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
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.baseUrl = `${this.origin}/v1/api`;
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
    // The server knows its own URL: its origin, and the request target exactly as sent. The
    // Host header is whatever the client wrote (IBKR's examples send `api.ibkr.com`).
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    const rawQuery = q === -1 ? '' : target.slice(q + 1);
    const route: IbkrRoute = rawPath.endsWith('/oauth/live_session_token') ? 'lst' : 'protected';
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
    // OAuth 1.0a asks only for a non-empty nonce; IBKR's own clients send 16 alphanumerics
    // (ibind), 20 hex digits (the Java client) and up to 32 hex digits (the Python example).
    if (!params.oauth_nonce) return send(401, { error: 'missing nonce' });
    if (!/^[0-9]{1,12}$/.test(params.oauth_timestamp ?? '')) {
      return send(401, { error: 'bad timestamp' });
    }
    if (Math.abs(Number(params.oauth_timestamp) - Date.now() / 1000) > 300)
      return send(401, { error: 'bad timestamp' });
    // Strict: the header carries quote_plus(base64(signature)) and nothing else.
    const encodedSignature = params.oauth_signature ?? '';
    let signatureB64: string;
    try {
      // Form decoding, as a Java server's URLDecoder: an unencoded `+` becomes a space.
      signatureB64 = decodeURIComponent(encodedSignature.replace(/\+/g, ' '));
    } catch {
      return send(401, { error: 'malformed signature' });
    }
    const signature = Buffer.from(signatureB64, 'base64');
    if (signature.length === 0 || signature.toString('base64') !== signatureB64) {
      return send(401, { error: 'malformed signature' });
    }
    const signed: Array<[string, string]> = [
      ...Object.entries(params).filter(([k]) => k !== 'oauth_signature'),
      ...rawQueryPairs(rawQuery),
    ];
    const paramString = signed
      .filter(([k]) => k !== 'realm')
      .sort(([k1, v1], [k2, v2]) =>
        k1 === k2 ? (v1 < v2 ? -1 : v1 > v2 ? 1 : 0) : k1 < k2 ? -1 : 1,
      )
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const base = `${req.method}&${formEncode(this.origin + rawPath)}&${formEncode(paramString)}`;
    if (route === 'lst') return this.mint(params, base, signature, fault, send);
    this.protectedCalls++;
    this.lastQuery = rawQuery;
    if (params.oauth_signature_method !== 'HMAC-SHA256')
      return send(401, { error: 'HMAC-SHA256 expected' });
    const ok = [...this.valid].some(
      ([lst, exp]) =>
        exp > Date.now() &&
        createHmac('sha256', Buffer.from(lst, 'base64')).update(base).digest().equals(signature),
    );
    if (!ok) return send(401, { error: 'invalid signature or expired token' });
    if (rawPath.endsWith('/iserver/auth/status')) {
      return send(200, { authenticated: true, competing: false, connected: true });
    }
    return send(200, { ok: true, path: rawPath.replace(/^\/v1\/api/, '') });
  }

  private mint(
    params: Record<string, string>,
    base: string,
    signature: Buffer,
    fault: IbkrFault | undefined,
    send: (status: number, body: unknown) => void,
  ) {
    const prepend = this.account.accessTokenSecretPlain.toString('hex');
    const badSignature = fault === 'bad-signature';
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
    if (A <= 1n || A >= p - 1n) return send(400, { error: 'degenerate diffie_hellman_challenge' });
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
    if (!badSignature && fault !== 'degenerate-dh') {
      if (this.options.invalidatePreviousOnMint) this.valid.clear();
      this.valid.set(lst, expiration);
    }
    this.mints++;
    this.issued.push(lst);
    send(200, {
      // B = 1 would make every K equal 1: a client must refuse it, never derive a token.
      diffie_hellman_response: fault === 'degenerate-dh' ? '1' : B.toString(16),
      live_session_token_signature: lstSignature,
      live_session_token_expiration: expiration,
    });
  }
}
