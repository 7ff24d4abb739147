import {
  constants,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  generatePrimeSync,
  getDiffieHellman,
  JsonWebKey,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decryptAccessTokenSecret,
  hmacSha256Signature,
  javaBigIntegerBytes,
  javaUrlEncode,
  liveSessionTokenFrom,
  liveSessionTokenMatches,
  oauthAuthorizationHeader,
  oauthBaseString,
  oauthNonce,
  quotePlus,
  rsaSha256Signature,
  startDhExchange,
} from '../../lib/runtime/ibkr-oauth';

describe('quotePlus', () => {
  test.each([
    ['https://api.ibkr.com/v1/api', 'https%3A%2F%2Fapi.ibkr.com%2Fv1%2Fapi'],
    ['a b+c', 'a+b%2Bc'],
    ["!'()*~._-", '%21%27%28%29%2A~._-'],
    ['k=v&x=y', 'k%3Dv%26x%3Dy'],
  ])('encodes %s the way Python quote_plus does', (input, expected) => {
    expect(quotePlus(input)).toBe(expected);
  });
});

describe('oauthBaseString', () => {
  test('signs query parameters with the OAuth parameters, sorted, and drops the query from the URL', () => {
    // WHEN
    const base = oauthBaseString({
      method: 'get',
      url: 'https://api.ibkr.com/v1/api/md/snapshot?fields=31&conids=265598',
      params: { oauth_token: 't', oauth_consumer_key: 'c' },
      prepend: 'ab',
    });
    // THEN
    expect(base).toBe(
      'abGET&https%3A%2F%2Fapi.ibkr.com%2Fv1%2Fapi%2Fmd%2Fsnapshot&conids%3D265598%26fields%3D31%26oauth_consumer_key%3Dc%26oauth_token%3Dt',
    );
  });
});

describe("query parameters are signed raw, as IBKR's Java SignatureBaseStringBuilder reads them", () => {
  // Source: IBKR's Java client, client/utils/SignatureBaseStringBuilder.java (copied in
  // oatechnology/int): URI.getRawQuery(), pairs split at the first '=', no URL decoding.
  const base = (query: string) =>
    oauthBaseString({
      method: 'GET',
      url: `https://api.ibkr.com/v1/api/x${query}`,
      params: { oauth_token: 't' },
    }).split('&')[2];

  test('a plus, an escaped space and a space decoded from either are three different values', () => {
    expect(base('?q=a+b')).toBe('oauth_token%3Dt%26q%3Da%2Bb');
    expect(base('?q=a%20b')).toBe('oauth_token%3Dt%26q%3Da%2520b');
    expect(base('?q=a+b')).not.toBe(base('?q=a%20b'));
  });

  test('an escaped tilde stays escaped; a tilde and a star are encoded the way Java does', () => {
    expect(base('?q=%7E')).toBe('oauth_token%3Dt%26q%3D%257E');
    expect(base('?q=~*')).toBe('oauth_token%3Dt%26q%3D%7E*');
  });

  test('duplicate keys are all signed, sorted by value; a key without = is not signed', () => {
    expect(base('?c=2&c=10&c=1&flag')).toBe('c%3D1%26c%3D10%26c%3D2%26oauth_token%3Dt');
  });

  test('a query parameter named realm is left out, like the header realm', () => {
    expect(base('?realm=x&a=1')).toBe('a%3D1%26oauth_token%3Dt');
  });
});

describe('javaUrlEncode (java.net.URLEncoder)', () => {
  test.each([
    ['https://api.ibkr.com/v1/api', 'https%3A%2F%2Fapi.ibkr.com%2Fv1%2Fapi'],
    ['a b+c', 'a+b%2Bc'],
    ["!'()~", '%21%27%28%29%7E'],
    ['*._-AZaz09', '*._-AZaz09'],
    ['é', '%C3%A9'],
  ])('encodes %s as %s', (input, expected) => {
    expect(javaUrlEncode(input)).toBe(expected);
  });
});

describe('startDhExchange', () => {
  const primeHex = getDiffieHellman('modp14').getPrime('hex');
  const p = BigInt('0x' + primeHex);
  const exponent = Buffer.alloc(32, 7);
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
    return 'no error';
  };

  test.each([
    ['empty', '', /IBKR_BAD_DH_RESPONSE: .*diffie_hellman_response is empty/],
    ['not hex', '12xz', /IBKR_BAD_DH_RESPONSE: .* is not hex \(4 characters\)/],
    ['0', '0', /IBKR_BAD_DH_RESPONSE: .* is 0,/],
    ['1', '01', /IBKR_BAD_DH_RESPONSE: .* is 1,/],
    ['p-1', (p - 1n).toString(16), /IBKR_BAD_DH_RESPONSE: .* is p-1/],
    ['p', primeHex, /IBKR_BAD_DH_RESPONSE: .* is not below the prime/],
    ['p+1', (p + 1n).toString(16), /IBKR_BAD_DH_RESPONSE: .* is not below the prime/],
  ])('refuses a response of %s with a coded error, never a RangeError', (_, response, expected) => {
    const dh = startDhExchange(primeHex, 2, exponent);
    expect(codeOf(() => dh.sharedSecret(response))).toMatch(expected);
  });

  test('accepts 2 and p-2, the edges of the valid range', () => {
    const dh = startDhExchange(primeHex, 2, exponent);
    expect(dh.sharedSecret('2').length).toBeGreaterThan(200);
    expect(dh.sharedSecret((p - 2n).toString(16)).length).toBeGreaterThan(200);
  });

  test('a shared secret of 1 (B of order 3, a = 3) is a coded error', () => {
    // GIVEN a prime p ≡ 1 (mod 3) and B = h^((p-1)/3) ≠ 1, so B^3 = 1
    const q = generatePrimeSync(1024, { bigint: true, add: 3n, rem: 1n });
    let b = 1n;
    for (let h = 2n; b === 1n; h++) b = modPow(h, (q - 1n) / 3n, q);
    const dh = startDhExchange(q.toString(16), 2, Buffer.from([3]));
    // WHEN / THEN
    expect(codeOf(() => dh.sharedSecret(b.toString(16)))).toMatch(
      /IBKR_BAD_DH_RESPONSE: .*degenerate shared secret/,
    );
  });

  test('a shared secret of 0 (a modulus r², B = r) is a coded error', () => {
    const r = generatePrimeSync(512, { bigint: true });
    const dh = startDhExchange((r * r).toString(16), 2, Buffer.from([5]));
    expect(codeOf(() => dh.sharedSecret(r.toString(16)))).toMatch(
      /IBKR_BAD_DH_RESPONSE: .*degenerate shared secret/,
    );
  });

  test('reads an odd-length prime as a number, where bytes would drop its last digit', () => {
    // GIVEN a 1020-bit prime: 255 hex digits
    const q = generatePrimeSync(1020, { bigint: true });
    const odd = q.toString(16);
    expect(odd.length % 2).toBe(1);
    // WHEN
    const challenge = startDhExchange(odd, 2, Buffer.from([9])).challengeHex;
    // THEN 2^9 mod q, the same as with the zero-padded spelling
    expect(challenge).toBe((512n % q).toString(16));
    expect(startDhExchange('0' + odd, 2, Buffer.from([9])).challengeHex).toBe(challenge);
  });

  test.each([
    [
      'a prime that is not hex',
      'zz',
      2,
      /IBKR_BAD_DH_PARAMETERS: dhPrime must be hex digits, got 2 characters/,
    ],
    ['an even prime', 'ff00', 2, /IBKR_BAD_DH_PARAMETERS: dhPrime must be an odd prime/],
    [
      'a generator of 1',
      primeHex,
      1,
      /IBKR_BAD_DH_PARAMETERS: dhGenerator must be an integer from 2 to dhPrime - 2, got 1/,
    ],
    ['a generator of p-1', 'b', 10, /IBKR_BAD_DH_PARAMETERS: dhGenerator .* got 10/],
  ])('refuses %s', (_, prime, generator, expected) => {
    expect(codeOf(() => startDhExchange(prime, generator))).toMatch(expected);
  });
});

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  for (; exp > 0n; exp >>= 1n, base = (base * base) % mod) {
    if (exp & 1n) result = (result * base) % mod;
  }
  return result;
}

test('the Authorization header lists realm first, then keys in order, values quoted', () => {
  expect(oauthAuthorizationHeader('limited_poa', { b: '2', a: '1' })).toBe(
    'OAuth realm="limited_poa", a="1", b="2"',
  );
});

test('nonces are 16 alphanumerics and differ', () => {
  expect(oauthNonce()).toMatch(/^[A-Za-z0-9]{16}$/);
  expect(oauthNonce()).not.toEqual(oauthNonce());
});

describe('javaBigIntegerBytes (the sign-byte rule)', () => {
  test('adds a 0x00 byte when the bit length is a multiple of 8', () => {
    expect(javaBigIntegerBytes(Buffer.from('00ff01', 'hex')).toString('hex')).toBe('00ff01');
    expect(javaBigIntegerBytes(Buffer.from('0000801234', 'hex')).toString('hex')).toBe('00801234');
  });
  test('strips leading zeros and adds nothing when the top bit is clear', () => {
    expect(javaBigIntegerBytes(Buffer.from('00007f01', 'hex')).toString('hex')).toBe('7f01');
    expect(javaBigIntegerBytes(Buffer.from('0001', 'hex')).toString('hex')).toBe('01');
  });
});

describe('decryptAccessTokenSecret', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  test('removes PKCS#1 v1.5 padding without Node refusing it', () => {
    // GIVEN
    const plain = randomBytes(33);
    const secret = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      plain,
    ).toString('base64');
    // WHEN / THEN
    expect(decryptAccessTokenSecret(secret, pem)).toBe(plain.toString('hex'));
  });

  test('refuses a block that is not PKCS#1 v1.5 type 2 (wrong key or padding)', () => {
    // GIVEN a well-formed block of the signature type (00 01 ff… 00 M) encrypted raw
    const block = Buffer.concat([
      Buffer.from([0, 1]),
      Buffer.alloc(237, 0xff),
      Buffer.from([0]),
      randomBytes(16),
    ]);
    const secret = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, block);
    // WHEN / THEN
    expect(() => decryptAccessTokenSecret(secret.toString('base64'), pem)).toThrow(
      /not a PKCS#1 v1.5 block/,
    );
  });

  test('refuses a ciphertext of the wrong size, naming both sizes', () => {
    expect(() => decryptAccessTokenSecret(randomBytes(10).toString('base64'), pem)).toThrow(
      /decodes to 10 bytes; the encryption key's modulus is 256 bytes/,
    );
  });
});

describe('liveSessionTokenMatches', () => {
  const lst = randomBytes(20).toString('base64');
  const good = createHmac('sha1', Buffer.from(lst, 'base64')).update('TESTCONS').digest('hex');
  test('accepts the signature IBKR computes', () => {
    expect(liveSessionTokenMatches(lst, 'TESTCONS', good)).toBe(true);
  });
  test.each([
    ['other consumer', 'OTHERCON', good],
    ['garbage', 'TESTCONS', 'zz'],
  ])('rejects %s', (_, ck, sig) => {
    expect(liveSessionTokenMatches(lst, ck, sig)).toBe(false);
  });
});

/**
 * Vectors made by test/vectors/ibkr_oauth_vectors.py, an independent Python implementation
 * (standard library only) of ibind's `ibind/oauth/oauth1a.py` LST algorithm and IBKR's Java
 * `client/utils/SignatureBaseStringBuilder.java` base string; see that script for its sources.
 */
describe('independent vectors (test/vectors/ibkr-oauth-vectors.json, made in Python)', () => {
  const vectors = JSON.parse(
    readFileSync(join(__dirname, '../vectors/ibkr-oauth-vectors.json'), 'utf8'),
  ) as IbkrVectors;
  const pem = createPrivateKey({ key: vectors.rsaKeyJwk, format: 'jwk' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();

  test.each(vectors.requests.map((v) => [v.why, v] as const))('signed request: %s', (_, v) => {
    // WHEN
    const base = oauthBaseString({ method: v.method, url: v.url, params: v.params });
    const signature = hmacSha256Signature(base, v.liveSessionToken);
    // THEN
    expect(base).toBe(v.baseString);
    expect(signature).toBe(v.signature);
    expect(quotePlus(signature)).toBe(v.headerSignature);
  });

  test.each(vectors.liveSessionTokens.map((v) => [v.why, v] as const))(
    'live session token: %s',
    (_, v) => {
      // GIVEN the vector's exponent a
      const dh = startDhExchange(
        vectors.dhPrime,
        vectors.dhGenerator,
        Buffer.from(v.exponent, 'hex'),
      );
      // WHEN
      const k = dh.sharedSecret(v.response);
      const lst = liveSessionTokenFrom(k, v.prepend);
      // THEN
      expect(dh.challengeHex).toBe(v.challenge);
      expect(k.toString('hex')).toBe(v.sharedSecretBytes);
      expect(lst).toBe(v.liveSessionToken);
      expect(liveSessionTokenMatches(lst, vectors.consumerKey, v.liveSessionTokenSignature)).toBe(
        true,
      );
    },
  );

  test.each(vectors.mints.map((v, i) => [i, v] as const))(
    'live_session_token request %s: prepend, base string and RSA-SHA256 signature',
    (_, v) => {
      // WHEN
      const prepend = decryptAccessTokenSecret(v.accessTokenSecret, pem);
      const base = oauthBaseString({ method: 'POST', url: v.url, params: v.params, prepend });
      const signature = rsaSha256Signature(base, pem);
      // THEN
      expect(prepend).toBe(v.prepend);
      expect(base).toBe(v.baseString);
      expect(signature).toBe(v.signature);
      expect(quotePlus(signature)).toBe(v.headerSignature);
    },
  );

  test('the vectors cover every case they claim to', () => {
    expect(vectors.requests).toHaveLength(17);
    expect(vectors.liveSessionTokens.map((v) => v.why)).toEqual([
      'k-bits-multiple-of-8',
      'k-bits-not-multiple-of-8',
      'k-odd-hex-length',
      'k-leading-zero-byte',
    ]);
    expect(vectors.mints).toHaveLength(2);
  });
});

interface IbkrVectors {
  readonly consumerKey: string;
  readonly dhPrime: string;
  readonly dhGenerator: number;
  readonly rsaKeyJwk: JsonWebKey;
  readonly requests: Array<{
    why: string;
    method: string;
    url: string;
    params: Record<string, string>;
    liveSessionToken: string;
    baseString: string;
    signature: string;
    headerSignature: string;
  }>;
  readonly liveSessionTokens: Array<{
    why: string;
    exponent: string;
    challenge: string;
    response: string;
    prepend: string;
    sharedSecretBytes: string;
    liveSessionToken: string;
    liveSessionTokenSignature: string;
  }>;
  readonly mints: Array<{
    url: string;
    params: Record<string, string>;
    prepend: string;
    accessTokenSecret: string;
    baseString: string;
    signature: string;
    headerSignature: string;
  }>;
}
