/**
 * The provider against the same doubles the rotation function is tested with; tokens are minted
 * by the real bundled rotation handler, so provider and issuer prove they agree on signing.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SessionTokenProvider } from '../../lib/runtime/session-token-provider';
import { createTestAccount, IbkrAccount } from '../doubles/ibkr-double';
import { RotationHarness, SESSION_ID } from '../credentials/rotation-harness';

let account: IbkrAccount;
let h: RotationHarness;
let clock: number | undefined;

beforeAll(() => {
  account = createTestAccount();
});

beforeEach(async () => {
  h = new RotationHarness(account);
  await h.start();
  await h.rotate();
  clock = undefined;
});

afterEach(async () => {
  await h.stop();
});

function provider(extra: Partial<ConstructorParameters<typeof SessionTokenProvider>[0]> = {}) {
  return new SessionTokenProvider({
    secretId: SESSION_ID,
    client: new SecretsManagerClient({}),
    now: () => clock ?? Date.now(),
    timeoutMs: 1000,
    ...extra,
  });
}

const reads = () => h.sm.calls.filter((c) => c === 'GetSecretValue').length;

test('signs requests, query parameters included, with the current session token', async () => {
  // GIVEN
  const ibkr = provider();
  // WHEN
  const status = await ibkr.request('POST', '/iserver/auth/status');
  const accounts = await ibkr.request('GET', '/portfolio/accounts?period=1D&fields=a b');
  // THEN
  expect(status.json).toEqual({ authenticated: true, competing: false, connected: true });
  expect(accounts.json).toEqual({ ok: true, path: '/portfolio/accounts' });
});

test('reads the secret once while the cached token is fresh', async () => {
  // GIVEN
  const ibkr = provider();
  const before = reads();
  // WHEN
  await ibkr.request('POST', '/tickle');
  await ibkr.request('POST', '/tickle');
  await Promise.all([ibkr.session(), ibkr.session(), ibkr.session()]);
  // THEN
  expect(reads() - before).toBe(1);
});

test('re-reads the secret when the token is near expiry', async () => {
  // GIVEN
  const ibkr = provider({ refreshBeforeExpiryMs: 30 * 60_000 });
  const first = await ibkr.session();
  await h.rotate();
  // WHEN the clock nears the first token's expiry
  clock = first.expiresAt - 10 * 60_000;
  const second = await ibkr.session();
  // THEN
  expect(second.liveSessionToken).not.toEqual(first.liveSessionToken);
});

test('re-reads the secret when the cache is older than maxCacheAgeMs', async () => {
  // GIVEN
  const ibkr = provider({ maxCacheAgeMs: 60_000 });
  await ibkr.session();
  const before = reads();
  // WHEN
  clock = Date.now() + 61_000;
  await ibkr.session();
  // THEN
  expect(reads() - before).toBe(1);
});

test('on a 401 it re-reads the secret and retries once with the new token', async () => {
  // GIVEN a cached token that IBKR no longer accepts, and a newer one in the secret
  const ibkr = provider();
  const first = await ibkr.session();
  h.ibkr.revokeAll();
  await h.rotate();
  // WHEN
  const res = await ibkr.request('POST', '/iserver/auth/status');
  // THEN
  expect(res.status).toBe(200);
  expect((await ibkr.session()).liveSessionToken).not.toEqual(first.liveSessionToken);
});

test('on a 401 with no newer token it fails with the 401 instead of looping', async () => {
  // GIVEN
  const ibkr = provider();
  await ibkr.session();
  h.ibkr.revokeAll();
  const before = h.ibkr.protectedCalls;
  // WHEN / THEN
  await expect(ibkr.request('POST', '/iserver/auth/status')).rejects.toThrow(/401 Unauthorized/);
  expect(h.ibkr.protectedCalls - before).toBe(1);
});

test('an expired token in the secret fails with an error that points at the rotation', async () => {
  // GIVEN
  const ibkr = provider();
  const s = await ibkr.session();
  // WHEN
  clock = s.expiresAt + 1;
  // THEN
  await expect(ibkr.session()).rejects.toThrow(/expired at .*: its rotation is failing/);
});

test('a session secret never minted names what is missing and how to mint it', async () => {
  // GIVEN
  h.sm.createSecret({ Name: 'paper/automation/empty', SecretString: '{}' });
  const ibkr = provider({ secretId: 'paper/automation/empty' });
  // WHEN / THEN
  await expect(ibkr.session()).rejects.toThrow(
    /lacks liveSessionToken, consumerKey, accessToken, realm, baseUrl, expiresAt: .*rotate-secret --secret-id paper\/automation\/empty/,
  );
});

test('errors never carry the token', async () => {
  // GIVEN
  const ibkr = provider();
  const s = await ibkr.session();
  h.ibkr.revokeAll();
  // WHEN
  const err = await ibkr.request('GET', '/portfolio/accounts').catch((e: Error) => e);
  // THEN
  expect(String((err as Error).message)).not.toContain(s.liveSessionToken);
  expect(h.leakedSecrets()).toEqual([]);
});
