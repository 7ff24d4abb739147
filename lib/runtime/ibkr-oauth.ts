/**
 * IBKR Web API OAuth 1.0a: the one place that builds base strings, signs requests and derives
 * live session tokens. The rotation function (which mints tokens) and the trading server's
 * SessionTokenProvider (which signs with them) both use it, so the two can never disagree on
 * an encoding detail.
 *
 * Nothing here logs, and no error message carries key material.
 */
import {
  constants,
  createDiffieHellman,
  createHmac,
  createPrivateKey,
  createSign,
  privateDecrypt,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { BrokerGuardError } from '../errors';

/**
 * Python's `urllib.parse.quote_plus`: how ibind and IBKR's Python example put the base64
 * `oauth_signature` into the header (base64's `+ / =` encode the same in Java's URLEncoder).
 */
export function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 16 random alphanumerics for `oauth_nonce`, as ibind sends. IBKR's own clients use other
 * shapes (20 hex digits in the Java client, up to 32 in the Python example): OAuth asks only
 * for a value unique per timestamp.
 */
export function oauthNonce(): string {
  let nonce = '';
  for (let i = 0; i < 16; i++) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return nonce;
}

/**
 * The base-string encoding of IBKR's Java OAuth code (java.net.URLEncoder, UTF-8): letters,
 * digits and `. - * _` stay, a space becomes `+`, every other byte is `%XX`. It differs from
 * Python's quote_plus only on `*` (kept here, `%2A` there) and `~` (`%7E` here, kept there);
 * neither occurs in the OAuth parameters or IBKR's URLs, only in query values a caller adds.
 */
export function javaUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

export interface BaseStringInput {
  readonly method: string;
  /** The request URL exactly as it will be sent; its query parameters join the signed ones. */
  readonly url: string;
  /** OAuth (and form body) parameters, unencoded. */
  readonly params: Record<string, string>;
  /** Hex prepend (the decrypted access-token secret); only the LST request uses it. */
  readonly prepend?: string;
}

/**
 * The query's `key=value` pairs as they appear on the wire, the way IBKR's Java
 * SignatureBaseStringBuilder reads `URI.getRawQuery()`: never decoded, so `%20`, `+`, `%7E`
 * and `~` are signed as written; duplicate keys all count; a segment without `=` is skipped;
 * the value is everything after the first `=`.
 */
function rawQueryPairs(url: URL): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of url.search.replace(/^\?/, '').split('&')) {
    const eq = segment.indexOf('=');
    if (eq !== -1) pairs.push([segment.slice(0, eq), segment.slice(eq + 1)]);
  }
  return pairs;
}

/**
 * `prepend + METHOD & enc(scheme://host[:port]/path) & enc(sorted k=v pairs)`, as IBKR's Java
 * SignatureBaseStringBuilder builds it: the query's raw pairs join the OAuth parameters,
 * pairs sort by key, then by value, and a parameter named `realm` is left out.
 *
 * The URL is read through WHATWG URL, which is also what node:http and fetch send, so the
 * signed query is byte for byte the one on the wire.
 */
export function oauthBaseString(input: BaseStringInput): string {
  const url = new URL(input.url);
  const pairs: Array<[string, string]> = [...Object.entries(input.params), ...rawQueryPairs(url)];
  const paramString = pairs
    .filter(([k]) => k !== 'realm')
    .sort(([k1, v1], [k2, v2]) => compare(k1, k2) || compare(v1, v2))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const bare = `${url.protocol}//${url.host}${url.pathname}`;
  return `${input.prepend ?? ''}${input.method.toUpperCase()}&${javaUrlEncode(bare)}&${javaUrlEncode(paramString)}`;
}

/** UTF-16 code-unit order, as Java's String.compareTo. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `OAuth realm="…", k="v", …` with keys sorted; values must already be encoded. */
export function oauthAuthorizationHeader(realm: string, params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .sort()
    .map((k) => `${k}="${params[k]}"`);
  return `OAuth realm="${realm}", ${pairs.join(', ')}`;
}

/** Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the base string (not yet quote_plus'ed). */
export function rsaSha256Signature(baseString: string, signaturePrivateKeyPem: string): string {
  return createSign('sha256').update(baseString, 'utf8').sign(signaturePrivateKeyPem, 'base64');
}

/** Base64 HMAC-SHA256 of the base string keyed with the decoded LST (not yet quote_plus'ed). */
export function hmacSha256Signature(baseString: string, liveSessionToken: string): string {
  return createHmac('sha256', Buffer.from(liveSessionToken, 'base64'))
    .update(baseString, 'utf8')
    .digest('base64');
}

/**
 * Decrypts the access-token secret into the hex "prepend".
 *
 * Node refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so this decrypts without
 * padding and checks the `00 02 PS 00 M` block itself, strictly: a malformed block means a
 * wrong key or a corrupted secret, never something to guess around.
 */
export function decryptAccessTokenSecret(
  accessTokenSecretB64: string,
  encryptionKeyPem: string,
): string {
  const key = createPrivateKey(encryptionKeyPem);
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const ciphertext = Buffer.from(accessTokenSecretB64, 'base64');
  if (modulusBytes === 0 || ciphertext.length !== modulusBytes) {
    throw new BrokerGuardError(
      'IBKR_BAD_ISSUER_SECRET',
      `accessTokenSecret decodes to ${ciphertext.length} bytes; the encryption key's modulus is ${modulusBytes} bytes (is it the base64 the portal showed, and the matching encryptionPrivateKeyPem?)`,
    );
  }
  let block: Buffer;
  try {
    block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    throw new BrokerGuardError(
      'IBKR_BAD_ISSUER_SECRET',
      'accessTokenSecret could not be decrypted with encryptionPrivateKeyPem',
    );
  }
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10) {
    throw new BrokerGuardError(
      'IBKR_BAD_ISSUER_SECRET',
      'accessTokenSecret is not a PKCS#1 v1.5 block under encryptionPrivateKeyPem (wrong key?)',
    );
  }
  return block.subarray(separator + 1).toString('hex');
}

/**
 * The byte form IBKR (Java's BigInteger.toByteArray) uses for the DH shared secret K:
 * minimal big-endian magnitude, plus a 0x00 sign byte when K's bit length is a multiple of 8.
 * Getting this wrong fails about every second mint with a 2048-bit prime.
 */
export function javaBigIntegerBytes(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const minimal = magnitude.subarray(start);
  return minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : Buffer.from(minimal);
}

export interface DhExchange {
  /** `A = g^a mod p`, lowercase hex without `0x`. */
  readonly challengeHex: string;
  /**
   * `K = B^a mod p` in IBKR's byte form. Throws IBKR_BAD_DH_RESPONSE, naming what is wrong but
   * never the value, when B is empty, not hex, 0, 1, p-1 or not below p, or when K is degenerate.
   */
  sharedSecret(responseHex: string): Buffer;
}

/** Big-endian bytes of a non-negative integer, with no sign byte. */
function unsignedBytes(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
}

function badDhParameters(message: string): BrokerGuardError {
  return new BrokerGuardError('IBKR_BAD_DH_PARAMETERS', message);
}

function badDhResponse(message: string): BrokerGuardError {
  return new BrokerGuardError(
    'IBKR_BAD_DH_RESPONSE',
    `IBKR's diffie_hellman_response ${message}; no live session token was derived`,
  );
}

/**
 * One DH exchange with a fresh random 256-bit exponent.
 *
 * The prime is read as a number (an odd count of hex digits is a valid spelling, as with
 * ibind's `int(dh_prime, 16)` and Java's BigInteger), never as bytes: Buffer.from(hex, 'hex')
 * would drop an odd last digit. `exponent` fixes `a`, for test vectors only.
 */
export function startDhExchange(
  primeHex: string,
  generator: number,
  exponent: Buffer = randomBytes(32),
): DhExchange {
  if (!/^[0-9a-fA-F]+$/.test(primeHex)) {
    throw badDhParameters(`dhPrime must be hex digits, got ${primeHex.length} characters`);
  }
  const p = BigInt('0x' + primeHex);
  if (p < 5n || p % 2n === 0n) {
    throw badDhParameters(
      `dhPrime must be an odd prime, got a ${p.toString(2).length}-bit even or tiny number`,
    );
  }
  if (!Number.isSafeInteger(generator) || generator < 2 || BigInt(generator) > p - 2n) {
    throw badDhParameters(`dhGenerator must be an integer from 2 to dhPrime - 2, got ${generator}`);
  }
  const dh = createDiffieHellman(unsignedBytes(p), generator);
  dh.setPrivateKey(exponent);
  const challenge = dh.generateKeys();
  return {
    challengeHex: BigInt('0x' + challenge.toString('hex')).toString(16),
    sharedSecret(responseHex: string): Buffer {
      if (responseHex === '') throw badDhResponse('is empty');
      if (!/^[0-9a-fA-F]+$/.test(responseHex)) {
        throw badDhResponse(`is not hex (${responseHex.length} characters)`);
      }
      const B = BigInt('0x' + responseHex);
      if (B === 0n || B === 1n) throw badDhResponse(`is ${B}, which would fix the shared secret`);
      if (B === p - 1n) throw badDhResponse('is p-1, which would fix the shared secret to ±1');
      if (B >= p) throw badDhResponse('is not below the prime');
      let secret: Buffer;
      try {
        secret = dh.computeSecret(unsignedBytes(B));
      } catch {
        // OpenSSL refuses a shared secret of 0 or 1 (a B of small order, or a prime that is
        // not one); its RangeError/TypeError says nothing an operator can use.
        throw badDhResponse('gives a degenerate shared secret (0 or 1)');
      }
      return javaBigIntegerBytes(secret);
    },
  };
}

/** `LST = base64(HMAC-SHA1(K, bytes(prepend)))`. */
export function liveSessionTokenFrom(sharedSecret: Buffer, prependHex: string): string {
  return createHmac('sha1', sharedSecret).update(Buffer.from(prependHex, 'hex')).digest('base64');
}

/** Checks IBKR's `live_session_token_signature`: hex HMAC-SHA1(LST, consumerKey). */
export function liveSessionTokenMatches(
  liveSessionToken: string,
  consumerKey: string,
  signatureHex: string,
): boolean {
  const expected = createHmac('sha1', Buffer.from(liveSessionToken, 'base64'))
    .update(consumerKey, 'utf8')
    .digest();
  const given = Buffer.from(/^[0-9a-fA-F]{40}$/.test(signatureHex) ? signatureHex : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What signing a request with a live session token needs; all of it is in the session secret. */
export interface LiveSessionCredentials {
  readonly liveSessionToken: string;
  readonly consumerKey: string;
  readonly accessToken: string;
  readonly realm: string;
}

/** The `Authorization` header of an HMAC-SHA256-signed request (any call after the LST mint). */
export function signedAuthorizationHeader(
  credentials: LiveSessionCredentials,
  method: string,
  url: string,
  now: number = Date.now(),
): string {
  const params: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: oauthNonce(),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(now / 1000)),
    oauth_token: credentials.accessToken,
  };
  const signature = hmacSha256Signature(
    oauthBaseString({ method, url, params }),
    credentials.liveSessionToken,
  );
  return oauthAuthorizationHeader(credentials.realm, {
    ...params,
    oauth_signature: quotePlus(signature),
  });
}
