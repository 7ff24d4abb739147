/**
 * The real bundled age-check handler against the Secrets Manager double: the EMF lines it
 * prints are the metric the age alarms watch.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMPROMISED_AGE_DAYS } from '../../lib/contracts';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';

const BUNDLE = join(__dirname, '../../dist/handlers/credential-age-check/index.js');
const DAY = 86_400_000;
let sm: SecretsManagerDouble;
let lines: string[];

function load(): () => Promise<{ checked: number }> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  let handler: () => Promise<{ checked: number }>;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(BUNDLE).handler;
  });
  return handler!;
}

beforeEach(async () => {
  sm = new SecretsManagerDouble();
  await sm.start();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
    AWS_MAX_ATTEMPTS: '1',
  });
  lines = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
});

afterEach(async () => {
  jest.restoreAllMocks();
  delete process.env.SECRET_IDS;
  await sm.stop();
});

function ages(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines.filter((x) => x.includes('CloudWatchMetrics'))) {
    const emf = JSON.parse(l);
    expect(emf._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'BrokerGuard',
      Dimensions: [['Credential']],
      Metrics: [{ Name: 'CredentialAgeDays', Unit: 'None' }],
    });
    out[emf.Credential] = emf.CredentialAgeDays;
  }
  return out;
}

test('publishes fractional days since each value last changed', async () => {
  // GIVEN
  sm.createSecret({ Name: 'paper/automation/ibkr-login', SecretString: '{"u":"hunter2"}' });
  sm.createSecret({ Name: 'paper/admin/fresh', SecretString: '{}' });
  sm.setLastChanged('paper/automation/ibkr-login', Date.now() - 91.5 * DAY);
  process.env.SECRET_IDS = JSON.stringify(['paper/automation/ibkr-login', 'paper/admin/fresh']);
  // WHEN
  const result = await load()();
  // THEN
  expect(result.checked).toBe(2);
  expect(ages()['paper/automation/ibkr-login']).toBeCloseTo(91.5, 2);
  expect(ages()['paper/admin/fresh']).toBeLessThan(0.01);
  expect(lines.join('\n')).not.toContain('hunter2');
});

test.each([
  ['flagged after the last change', -1, COMPROMISED_AGE_DAYS],
  ['replaced after it was flagged', +1, 10],
])(
  'a credential tagged brokerguard:compromised and %s reports its age accordingly',
  async (_, offsetDays, expected) => {
    // GIVEN a value 10 days old, flagged 9 days ago or 11 days ago
    const id = 'paper/automation/ibkr-login';
    sm.createSecret({ Name: id, SecretString: '{}' });
    sm.setLastChanged(id, Date.now() - 10 * DAY);
    const flaggedAt = new Date(Date.now() - (10 + offsetDays) * DAY).toISOString();
    await (async () => {
      const res = await fetch(sm.endpoint, {
        method: 'POST',
        headers: {
          'X-Amz-Target': 'secretsmanager.TagResource',
          'Content-Type': 'application/x-amz-json-1.1',
        },
        body: JSON.stringify({
          SecretId: id,
          Tags: [{ Key: 'brokerguard:compromised', Value: flaggedAt }],
        }),
      });
      expect(res.status).toBe(200);
    })();
    process.env.SECRET_IDS = JSON.stringify([id]);
    // WHEN
    await load()();
    // THEN
    expect(ages()[id]).toBeCloseTo(expected, 2);
  },
);

test('a secret it cannot read fails the run, naming it, after reporting the others', async () => {
  // GIVEN
  sm.createSecret({ Name: 'paper/admin/present', SecretString: '{}' });
  process.env.SECRET_IDS = JSON.stringify(['paper/admin/present', 'paper/admin/deleted']);
  // WHEN / THEN
  await expect(load()()).rejects.toThrow(
    /could not check the age of 1 credential\(s\): paper\/admin\/deleted/,
  );
  expect(Object.keys(ages())).toEqual(['paper/admin/present']);
});
