import {
  constants,
  createHmac,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import {
  decryptAccessTokenSecret,
  javaBigIntegerBytes,
  liveSessionTokenMatches,
  oauthAuthorizationHeader,
  oauthBaseString,
  oauthNonce,
  quotePlus,
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
