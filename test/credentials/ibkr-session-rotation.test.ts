/**
 * The real bundled rotation handler, real AWS SDK clients, a Secrets Manager double that keeps
 * version stages, and an IBKR double that checks every signature. After every scenario the
 * AWSCURRENT token must still be accepted by IBKR, and no secret text may appear in the output.
 */
import { createTestAccount, IbkrAccount } from '../doubles/ibkr-double';
import { coldStart, RotationHarness, SESSION_ID, STEPS, Step } from './rotation-harness';

let account: IbkrAccount;
let h: RotationHarness;

beforeAll(() => {
  account = createTestAccount();
});

async function setUp(options: ConstructorParameters<typeof RotationHarness>[1] = {}) {
  h = new RotationHarness(account, options);
  await h.start();
  await h.rotate(); // a first good token, as after the first deployment
}

afterEach(async () => {
  await h?.stop();
});

async function expectHealthy() {
  expect(await h.currentWorks()).toBe(true);
  expect(h.leakedSecrets()).toEqual([]);
}

describe('a full rotation', () => {
  test('mints, tests and promotes a new live session token', async () => {
    // GIVEN
    await setUp();
    const before = h.current();
    // WHEN
    const token = await h.rotate();
    // THEN
    const after = h.current();
    expect(Object.keys(after).sort()).toEqual(
      ['accessToken', 'baseUrl', 'consumerKey', 'expiresAt', 'liveSessionToken', 'realm'].sort(),
    );
    expect(after.liveSessionToken).not.toEqual(before.liveSessionToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    expect(h.ibkr.mints).toBe(2);
    await expectHealthy();
  });

  test.each(['multiple-of-8', 'not-multiple-of-8'] as const)(
    'derives the token IBKR derives when K has a bit length that is %s (sign byte rule)',
    async (kBitLength) => {
      // GIVEN
      await setUp({ kBitLength });
      // WHEN
      await h.rotate();
      // THEN
      expect(
        h.ibkr.kBitLengths.every((n) => (n % 8 === 0) === (kBitLength === 'multiple-of-8')),
      ).toBe(true);
      await expectHealthy();
    },
  );
});

describe('fault matrix', () => {
  const faults: Record<Step, () => void> = {
    createSecret: () => h.ibkr.failNext('lst', 500),
    setSecret: () => h.sm.failNext('DescribeSecret'),
    testSecret: () => h.ibkr.failNext('protected', 500),
    finishSecret: () => h.sm.failNext('UpdateSecretVersionStage'),
  };

  test.each(STEPS)(
    '%s failing once leaves AWSCURRENT working, and a retry completes',
    async (failing) => {
      // GIVEN
      await setUp();
      const before = h.current();
      const token = h.begin();
      // WHEN
      for (const s of STEPS) {
        if (s === failing) {
          faults[s]();
          await expect(h.step(s, token)).rejects.toThrow();
          expect(h.current()).toEqual(before);
          await expectHealthy();
        }
        await h.step(s, token);
      }
      // THEN
      expect(h.current().liveSessionToken).not.toEqual(before.liveSessionToken);
      await expectHealthy();
    },
  );

  test('every step run twice mints once and ends with one promoted token', async () => {
    // GIVEN
    await setUp();
    const token = h.begin();
    // WHEN
    for (const s of STEPS) {
      await h.step(s, token);
      await h.step(s, token);
    }
    // THEN
    expect(h.ibkr.mints).toBe(2);
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    expect(
      Object.values(h.sm.stages(SESSION_ID))
        .flat()
        .filter((s) => s === 'AWSPREVIOUS'),
    ).toHaveLength(1);
    await expectHealthy();
  });

  test('a crash between steps: a cold-started function finishes the rotation', async () => {
    // GIVEN
    await setUp();
    const token = h.begin();
    await h.step('createSecret', token);
    // WHEN the next steps run in a fresh process
    const fresh = coldStart();
    for (const s of STEPS.slice(1)) await h.step(s, token, fresh);
    // THEN
    expect(h.ibkr.mints).toBe(2);
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    await expectHealthy();
  });

  test('a lost PutSecretValue response: the retry keeps the stored token instead of minting again', async () => {
    // GIVEN
    await setUp();
    const token = h.begin();
    h.sm.failNext('PutSecretValue', { afterApply: true });
    // WHEN
    await expect(h.step('createSecret', token)).rejects.toThrow();
    const stored = h.sm.valueAt(SESSION_ID, 'AWSPENDING');
    await h.rotate(token);
    // THEN
    expect(stored).toBeDefined();
    expect(h.sm.valueAt(SESSION_ID, 'AWSCURRENT')).toEqual(stored);
    expect(h.ibkr.mints).toBe(2);
    await expectHealthy();
  });

  test("with the SDK's own retries a lost PutSecretValue response never surfaces", async () => {
    // GIVEN the SDK's default of 3 attempts, as in Lambda
    await setUp();
    process.env.AWS_MAX_ATTEMPTS = '3';
    const handler = coldStart();
    const token = h.begin();
    h.sm.failNext('PutSecretValue', { afterApply: true });
    // WHEN
    for (const s of STEPS) await h.step(s, token, handler);
    // THEN the retried PutSecretValue (same token, same value) was a no-op: one call for the
    // first rotation of setUp, two (lost, then retried) for this one
    expect(h.sm.calls.filter((c) => c === 'PutSecretValue')).toHaveLength(3);
    expect(h.ibkr.mints).toBe(2);
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    await expectHealthy();
  });

  test('a lost finishSecret response: the retry sees the token is current and does nothing', async () => {
    // GIVEN
    await setUp();
    const token = h.begin();
    for (const s of STEPS.slice(0, 3)) await h.step(s, token);
    h.sm.failNext('UpdateSecretVersionStage', { afterApply: true });
    // WHEN
    await expect(h.step('finishSecret', token)).rejects.toThrow();
    await h.step('finishSecret', token);
    // THEN
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    expect(h.output.some((l) => l.includes('already AWSCURRENT'))).toBe(true);
    await expectHealthy();
  });

  test('duplicate concurrent invocations of every step are harmless', async () => {
    // GIVEN two invocations of each step that both read the secret before either writes it:
    // the interleaving that makes a duplicate dangerous, held by the double so it happens on
    // every run rather than when the scheduler happens to allow it
    await setUp();
    const token = h.begin();
    // WHEN
    for (const s of STEPS) {
      h.sm.gather(
        s === 'createSecret' || s === 'testSecret' ? 'GetSecretValue' : 'DescribeSecret',
        2,
      );
      await Promise.all([h.step(s, token), h.step(s, token, coldStart())]);
    }
    // THEN both minted, one stored: the other's PutSecretValue met ResourceExistsException
    expect(h.ibkr.mints).toBe(3);
    expect(
      h.output.some((l) => l.includes('another invocation stored the pending value first')),
    ).toBe(true);
    // and both promoted: the second found the label already moved and did not fail
    expect(h.output.some((l) => l.includes('another invocation promoted this version first'))).toBe(
      true,
    );
    expect(h.sm.stages(SESSION_ID)[token]).toContain('AWSCURRENT');
    await expectHealthy();
  });

  test('a wrong live_session_token_signature is never stored', async () => {
    // GIVEN
    await setUp();
    const before = h.current();
    const token = h.begin();
    h.ibkr.failNext('lst', 'bad-signature');
    // WHEN / THEN
    await expect(h.step('createSecret', token)).rejects.toThrow(
      /does not match IBKR's live_session_token_signature/,
    );
    expect(h.sm.valueAt(SESSION_ID, 'AWSPENDING')).toBeUndefined();
    expect(h.current()).toEqual(before);
    await h.rotate(token);
    await expectHealthy();
  });

  test.each([
    [401, /401 Unauthorized/],
    [410, /410 Gone/],
    [500, /answered 500: IBKR is failing/],
    ['timeout', /no answer within 400 ms/],
  ] as const)(
    'IBKR %s while minting fails createSecret with an error that says so',
    async (fault, message) => {
      // GIVEN
      await setUp();
      const before = h.current();
      const token = h.begin();
      h.ibkr.failNext('lst', fault);
      // WHEN / THEN
      await expect(
        fault === 'timeout'
          ? h.stepTimingOut('createSecret', token)
          : h.step('createSecret', token),
      ).rejects.toThrow(message);
      expect(h.current()).toEqual(before);
      await expectHealthy();
      await h.rotate(token);
      await expectHealthy();
    },
  );

  test.each([401, 410] as const)(
    'IBKR %s on the test call discards the pending token so the next rotation is not blocked',
    async (fault) => {
      // GIVEN
      await setUp();
      const before = h.current();
      const token = h.begin();
      await h.step('createSecret', token);
      await h.step('setSecret', token);
      h.ibkr.failNext('protected', fault);
      // WHEN
      await expect(h.step('testSecret', token)).rejects.toThrow(new RegExp(String(fault)));
      // THEN
      expect(h.sm.stages(SESSION_ID)[token]).toBeUndefined();
      expect(h.current()).toEqual(before);
      await expect(h.step('finishSecret', token)).rejects.toThrow(/has no stage for rotation/);
      await h.rotate();
      await expectHealthy();
    },
  );

  test.each([500, 'timeout'] as const)(
    'IBKR %s on the test call keeps the pending token for the retry',
    async (fault) => {
      // GIVEN
      await setUp();
      const token = h.begin();
      await h.step('createSecret', token);
      h.ibkr.failNext('protected', fault);
      // WHEN
      await expect(
        fault === 500 ? h.step('testSecret', token) : h.stepTimingOut('testSecret', token),
      ).rejects.toThrow(fault === 500 ? /500/ : /no answer within/);
      await h.step('testSecret', token);
      await h.step('finishSecret', token);
      // THEN
      expect(h.ibkr.mints).toBe(2);
      await expectHealthy();
    },
  );

  test('a stale AWSPENDING left by an old failed rotation is cleared when it is re-attempted', async () => {
    // GIVEN an old rotation that minted a token, then failed its test, and is re-attempted
    // after its token has less life left than a pending token must have
    await setUp({ lifetimeMs: 11 * 3600 * 1000 });
    const before = h.current();
    const old = h.begin();
    await h.step('createSecret', old);
    h.ibkr.failNext('protected', 500);
    await expect(h.step('testSecret', old)).rejects.toThrow();
    expect(() => h.begin()).toThrow(/previous rotation isn't complete/);
    // WHEN
    await expect(h.step('createSecret', old)).rejects.toThrow(/too old to promote/);
    // THEN
    expect(h.sm.stages(SESSION_ID)[old]).toBeUndefined();
    expect(h.current()).toEqual(before);
    await h.rotate();
    expect(h.current().liveSessionToken).not.toEqual(before.liveSessionToken);
    await expectHealthy();
  });
});

describe('misconfiguration', () => {
  test('an issuer secret never filled in fails with the command that fills it', async () => {
    // GIVEN
    h = new RotationHarness(account);
    await h.start('{"placeholder":"put the IBKR OAuth material here"}');
    const token = h.begin();
    // WHEN / THEN
    await expect(h.step('createSecret', token)).rejects.toThrow(
      /holds no OAuth material yet: put it once with `aws secretsmanager put-secret-value --secret-id paper\/automation\/ibkr-session-issuer/,
    );
    expect(h.sm.valueAt(SESSION_ID, 'AWSCURRENT')).toBe('{}');
  });

  test('a secret without rotation enabled is refused', async () => {
    // GIVEN
    h = new RotationHarness(account);
    await h.start();
    h.sm.createSecret({ Name: 'paper/automation/other', SecretString: '{}' });
    // WHEN / THEN
    await expect(
      h.handler({
        Step: 'createSecret',
        SecretId: 'paper/automation/other',
        ClientRequestToken: 'x',
      }),
    ).rejects.toThrow(/does not have rotation enabled/);
  });

  test('an unknown step is refused', async () => {
    // GIVEN
    await setUp();
    const token = h.begin();
    // WHEN / THEN
    await expect(
      h.handler({ Step: 'dropSecret', SecretId: SESSION_ID, ClientRequestToken: token }),
    ).rejects.toThrow(/unknown rotation step "dropSecret"/);
  });
});
