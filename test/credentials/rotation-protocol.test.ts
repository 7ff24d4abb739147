/**
 * The protocol core with an issuer of the kind a user writes (README: writing your own issuer),
 * against the Secrets Manager double through a real SDK client.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createRotationHandler, RotationIssuer } from '../../lib/credentials/rotation-protocol';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';

const ID = 'paper/automation/broker-key';
let sm: SecretsManagerDouble;
let logs: string[];
let accepted: Set<string>;
let minted: number;
let setCalls: number;

beforeEach(async () => {
  sm = new SecretsManagerDouble();
  await sm.start();
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_MAX_ATTEMPTS: '1',
  });
  sm.createSecret({
    Name: ID,
    SecretString: '{"apiKey":"k0"}',
    RotationLambdaARN: 'arn:aws:lambda:fn',
  });
  accepted = new Set(['k0']);
  minted = 0;
  setCalls = 0;
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
});

afterEach(async () => {
  jest.restoreAllMocks();
  await sm.stop();
});

class Refused extends Error {
  readonly status = 401;
}

const issuer: RotationIssuer = {
  name: 'my-broker',
  async create() {
    minted++;
    return JSON.stringify({ apiKey: `k${minted}` });
  },
  async set(pending) {
    setCalls++;
    accepted.add(JSON.parse(pending).apiKey);
  },
  async test(pending) {
    if (!accepted.has(JSON.parse(pending).apiKey)) throw new Refused('broker refused the key');
  },
  discardsPending: (e) => e instanceof Refused,
};

function handler() {
  return createRotationHandler(issuer, {
    client: new SecretsManagerClient({ region: 'us-east-1', endpoint: sm.endpoint }),
  });
}

async function rotate(h = handler(), token = 'v1') {
  sm.rotate({ SecretId: ID, ClientRequestToken: token });
  for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
    await h({ Step, SecretId: ID, ClientRequestToken: token });
  }
}

test('a user-written issuer rotates: create, set, test, finish', async () => {
  // WHEN
  await rotate();
  // THEN
  expect(JSON.parse(sm.valueAt(ID, 'AWSCURRENT')!)).toEqual({ apiKey: 'k1' });
  expect(JSON.parse(sm.valueAt(ID, 'AWSPREVIOUS')!)).toEqual({ apiKey: 'k0' });
  expect(setCalls).toBe(1);
});

test('a value the target refuses is discarded and AWSCURRENT is untouched', async () => {
  // GIVEN an issuer whose set step silently fails
  const h = createRotationHandler(
    { ...issuer, set: async () => undefined },
    { client: new SecretsManagerClient({ region: 'us-east-1', endpoint: sm.endpoint }) },
  );
  sm.rotate({ SecretId: ID, ClientRequestToken: 'v1' });
  await h({ Step: 'createSecret', SecretId: ID, ClientRequestToken: 'v1' });
  // WHEN / THEN
  await expect(h({ Step: 'testSecret', SecretId: ID, ClientRequestToken: 'v1' })).rejects.toThrow(
    /refused/,
  );
  expect(sm.stages(ID).v1).toBeUndefined();
  expect(JSON.parse(sm.valueAt(ID, 'AWSCURRENT')!)).toEqual({ apiKey: 'k0' });
  expect(
    logs.some((l) => l.includes('"level":"error"') && l.includes('AWSCURRENT is unchanged')),
  ).toBe(true);
});

test('a step for a version that is not pending is refused', async () => {
  // GIVEN
  await rotate();
  sm.seedVersion(ID, 'stray', '{"apiKey":"x"}', ['CUSTOM']);
  // WHEN / THEN
  await expect(
    handler()({ Step: 'testSecret', SecretId: ID, ClientRequestToken: 'stray' }),
  ).rejects.toThrow(/version stray of paper\/automation\/broker-key is not AWSPENDING/);
});

test('testSecret before createSecret says so', async () => {
  // GIVEN
  sm.rotate({ SecretId: ID, ClientRequestToken: 'v1' });
  // WHEN / THEN
  await expect(
    handler()({ Step: 'testSecret', SecretId: ID, ClientRequestToken: 'v1' }),
  ).rejects.toThrow(/has no pending value: createSecret has not run/);
});

test('logs carry ids and steps, never a value', async () => {
  // WHEN
  await rotate();
  // THEN
  expect(logs.length).toBeGreaterThan(0);
  for (const l of logs) {
    expect(JSON.parse(l)).toMatchObject({ issuer: 'my-broker', secretId: ID, token: 'v1' });
    expect(l).not.toMatch(/k0|k1/);
  }
});
