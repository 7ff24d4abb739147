import { parseIssuerSecret } from '../../lib/credentials/ibkr-issuer-secret';

const full = {
  consumerKey: 'TESTCONSK',
  accessToken: 'token',
  accessTokenSecret: 'c2VjcmV0',
  dhPrime: 'ff'.repeat(64),
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
  [
    'the deploy-time placeholder',
    { placeholder: 'x' },
    /holds no OAuth material yet: put it once with `aws secretsmanager put-secret-value/,
  ],
  ['a missing field', { ...full, accessToken: '' }, /lacks accessToken$/],
  ['a prime that is not hex', { ...full, dhPrime: 'xyz' }, /dhPrime must be the prime in hex/],
  ['a generator below 2', { ...full, dhGenerator: 1 }, /dhGenerator must be an integer ≥ 2, got 1/],
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
  expect(error?.message).not.toContain('c2VjcmV0');
  expect(error?.message).not.toContain('PEM-');
});

test('http on the loopback address is accepted, for a local double', () => {
  expect(parse({ ...full, baseUrl: 'http://127.0.0.1:8080/v1/api/' }).baseUrl).toBe(
    'http://127.0.0.1:8080/v1/api',
  );
});
