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

/** Python's `urllib.parse.quote_plus`, which IBKR's base strings are defined by. */
export function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random alphanumerics, as IBKR expects for `oauth_nonce`. */
export function oauthNonce(): string {
  let nonce = '';
  for (let i = 0; i < 16; i++) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return nonce;
}

export interface BaseStringInput {
  readonly method: string;
  /** The request URL; its query parameters join the signed parameters. */
  readonly url: string;
  /** OAuth (and form body) parameters, unencoded. */
  readonly params: Record<string, string>;
  /** Hex prepend (the decrypted access-token secret); only the LST request uses it. */
  readonly prepend?: string;
}

/**
 * `prepend + METHOD & quote_plus(url without query) & quote_plus(sorted k=v pairs)`.
 * Query parameters are signed with the OAuth parameters, as IBKR's examples do.
 */
export function oauthBaseString(input: BaseStringInput): string {
  const url = new URL(input.url);
  const params: Record<string, string> = { ...input.params };
  url.searchParams.forEach((v, k) => {
    params[k] = v;
  });
  const bare = `${url.protocol}//${url.host}${url.pathname}`;
  const paramString = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return `${input.prepend ?? ''}${input.method.toUpperCase()}&${quotePlus(bare)}&${quotePlus(paramString)}`;
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
  /** `K = B^a mod p` in IBKR's byte form. */
  sharedSecret(responseHex: string): Buffer;
}

/** One DH exchange with a fresh random 256-bit exponent. */
export function startDhExchange(primeHex: string, generator: number): DhExchange {
  const dh = createDiffieHellman(Buffer.from(primeHex, 'hex'), generator);
  dh.setPrivateKey(randomBytes(32));
  const challenge = dh.generateKeys();
  return {
    challengeHex: BigInt('0x' + challenge.toString('hex')).toString(16),
    sharedSecret(responseHex: string): Buffer {
      if (!/^[0-9a-fA-F]+$/.test(responseHex)) {
        throw new BrokerGuardError('IBKR_BAD_RESPONSE', 'diffie_hellman_response is not hex');
      }
      const padded = responseHex.length % 2 ? '0' + responseHex : responseHex;
      return javaBigIntegerBytes(dh.computeSecret(Buffer.from(padded, 'hex')));
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
