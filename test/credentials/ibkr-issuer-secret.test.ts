import { getDiffieHellman } from 'node:crypto';
import { parseIssuerSecret } from '../../lib/credentials/ibkr-issuer-secret';

/** RFC 3526 group 14: a 2048-bit prime, 512 hex digits. */
const PRIME = getDiffieHellman('modp14').getPrime('hex');
const full = {
  consumerKey: 'TESTCONSK',
  accessToken: 'token',
  accessTokenSecret: 'c2VjcmV0',
  dhPrime: PRIME,
  signaturePrivateKeyPem: 'PEM-S',
  encryptionPrivateKeyPem: 'PEM-E',
};
const parse = (v: unknown) =>
  parseIssuerSecret(typeof v === 'string' ? v : JSON.stringify(v), 'paper/automation/x-issuer');

test('fills generator, realm and base URL defaults', () => {
  expect(parse(full)).toMatchObject({
    dhGenerator: 2,
    realm: 'limited_poa',
    baseUrl: 'https://api.ibkr.com/v1/api',
  });
});

test.each([
  ['not JSON', 'nope', /is not JSON/],
  ['a missing field', { ...full, accessToken: '' }, /lacks accessToken$/],
  [
    'a prime that is not hex',
    { ...full, dhPrime: 'xyz' },
    /dhPrime must be the prime in hex digits .*, got 3 characters/,
  ],
  [
    "openssl's -text output with colons",
    { ...full, dhPrime: '00:' + PRIME.match(/../g)!.join(':') },
    /dhPrime must be the prime in hex digits \(an optional 0x; no colons or spaces/,
  ],
  [
    'a prime with one digit lost in copying (odd length)',
    { ...full, dhPrime: PRIME.slice(0, 200) + PRIME.slice(201) },
    /dhPrime \(511 hex digits, 2044 bits\) is not a prime: a digit was likely lost or changed/,
  ],
  [
    'a prime with one digit changed',
    { ...full, dhPrime: PRIME.slice(0, 300) + (PRIME[300] === 'a' ? 'b' : 'a') + PRIME.slice(301) },
    /dhPrime \(512 hex digits, 2048 bits\) is not a prime/,
  ],
  [
    'a prime below 2048 bits',
    { ...full, dhPrime: getDiffieHellman('modp2').getPrime('hex') },
    /dhPrime must be a prime of at least 2048 bits .*, got a 1024-bit prime from 256 hex digits/,
  ],
  [
    'a prime of more than 8192 bits',
    { ...full, dhPrime: 'f'.repeat(2049) },
    /dhPrime must be at most 2048 hex digits \(8192 bits\), got 2049$/,
  ],
  [
    'a generator below 2',
    { ...full, dhGenerator: 1 },
    /dhGenerator must be an integer from 2 to dhPrime - 2 \(IBKR uses 2\), got 1$/,
  ],
  ['a generator that is a word', { ...full, dhGenerator: 'two' }, /dhGenerator .*, got "two"$/],
  ['a fractional generator', { ...full, dhGenerator: 2.5 }, /dhGenerator .*, got 2.5$/],
  [
    'plain http to a remote host',
    { ...full, baseUrl: 'http://api.ibkr.com/v1/api' },
    /must use https \(plain http only on the loopback address\)/,
  ],
])('refuses %s, naming the field and never a value', (_, value, message) => {
  let error: Error | undefined;
  try {
    parse(value);
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).toMatch(message);
  expect((error as { code?: string })?.code).toBe('ISSUER_SECRET_INVALID');
  expect(error?.message).not.toContain('c2VjcmV0');
  expect(error?.message).not.toContain(PRIME.slice(0, 16));
  expect(error?.message).not.toContain('PEM-');
});

test('http on the loopback address is accepted, for a local double', () => {
  expect(parse({ ...full, baseUrl: 'http://127.0.0.1:8080/v1/api/' }).baseUrl).toBe(
    'http://127.0.0.1:8080/v1/api',
  );
});

test('the deploy-time placeholder is its own error, with the command that fills it', () => {
  expect(() => parse({ placeholder: 'x' })).toThrow(
    /holds no OAuth material yet: put it once with `aws secretsmanager put-secret-value/,
  );
});

describe("dhPrime is read as a number, like ibind and IBKR's Java client", () => {
  test.each([
    ['as the portal file gives it', PRIME],
    ['upper case with 0x', '0x' + PRIME.toUpperCase()],
    ["with openssl's leading 00 byte (514 digits)", '00' + PRIME],
    ['with one leading zero (513 digits, odd)', '0' + PRIME],
  ])('accepts it %s, and returns the same lowercase hex', (_, dhPrime) => {
    expect(parse({ ...full, dhPrime }).dhPrime).toBe(PRIME);
  });

  test('a generator as a string of digits, as ibind keeps it, is read as a number', () => {
    expect(parse({ ...full, dhGenerator: '5' }).dhGenerator).toBe(5);
  });
});
