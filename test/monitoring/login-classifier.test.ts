import { gzipSync } from 'node:zlib';
import { handler, resetForTests, deviceIdOf } from '../../lib/monitoring/login-classifier.lambda';
import { parseLoginEvent } from '../../lib/contracts/login-event';
import { DynamoDbDouble } from '../doubles/dynamodb-double';

const TABLE = 'paper-devices';
const double = new DynamoDbDouble({ [TABLE]: ['segment', 'deviceId'] });
let out: string[] = [];

function subscription(logGroup: string, logStream: string, lines: [number, string][]) {
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup,
    logStream,
    subscriptionFilters: ['f'],
    logEvents: lines.map(([timestamp, message], i) => ({ id: String(i), timestamp, message })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

function emfLines(): Record<string, unknown>[] {
  return out
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((r) => r._aws);
}

// 2026-01-05 is a Monday; 15:00Z is 10:00 in New York (inside hours), 04:00Z is 23:00 the day before.
const IN_HOURS = Date.parse('2026-01-05T15:00:00Z');
const NIGHT = Date.parse('2026-01-06T04:00:00Z');

beforeAll(async () => {
  const endpoint = await double.start();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret-test',
    DEPLOYMENT: 'paper',
    DEVICE_TABLE: TABLE,
    LOG_SOURCES: JSON.stringify([
      {
        logGroupName: '/ibeam',
        segment: 'automation',
        source: 'ibeam',
        deviceIdFrom: 'log-stream',
      },
      { logGroupName: '/desk', segment: 'execution', source: 'ibc', deviceIdFrom: 'none' },
    ]),
    TRADING_HOURS: JSON.stringify({
      timezone: 'America/New_York',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '09:30',
      end: '16:00',
      preOpenMinutes: 60,
    }),
    LOGIN_WINDOWS: JSON.stringify([{ start: '23:40', end: '23:59' }]),
  });
});
afterAll(() => double.stop());
beforeEach(() => {
  out = [];
  resetForTests();
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk).trim());
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    out.push(String(chunk).trim());
    return true;
  });
});
afterEach(() => jest.restoreAllMocks());

describe('login classifier function', () => {
  test('publishes each classified line as an EMF LoginEvents metric that is also a login event', async () => {
    // WHEN
    const result = await handler(
      subscription('/ibeam', 'ibeam/task/1', [
        [IN_HOURS, '2026-01-05 15:00:00,000|E| Logging in failed'],
        [IN_HOURS + 1, '2026-01-05 15:00:00,001|I| nothing to see'],
      ]),
    );
    // THEN
    expect(result).toEqual({ classified: 1, unmatched: 1, emitted: 2 });
    const [failed] = emfLines();
    expect(failed).toEqual({
      _aws: {
        Timestamp: IN_HOURS,
        CloudWatchMetrics: [
          {
            Namespace: 'BrokerGuard/Login',
            Dimensions: [
              ['Segment', 'Event', 'Category'],
              ['Segment', 'Event'],
            ],
            Metrics: [{ Name: 'LoginEvents', Unit: 'Count' }],
          },
        ],
      },
      Segment: 'automation',
      Event: 'login_failed',
      Category: 'identity',
      LoginEvents: 1,
      schema: 'brokerguard.login/1',
      time: '2026-01-05T15:00:00.000Z',
      segment: 'automation',
      source: 'ibeam',
      event: 'login_failed',
      category: 'identity',
      deviceId: 'ibeam/task/1',
      detail: 'ibeam-logging-in-failed: Logging in failed',
    });
    expect(() => parseLoginEvent(failed)).not.toThrow();
  });

  test('the first sighting of a device is a conditional put and emits device_registered once', async () => {
    // GIVEN
    const before = double.requests.length;
    // WHEN: two batches from the same stream, the second after a cold start
    await handler(
      subscription('/ibeam', 'ibeam/task/new', [
        [IN_HOURS, '|I| Gateway running and authenticated'],
      ]),
    );
    resetForTests();
    await handler(
      subscription('/ibeam', 'ibeam/task/new', [
        [IN_HOURS, '|I| Gateway running and authenticated'],
      ]),
    );
    // THEN
    const puts = double.requests.slice(before).filter((r) => r.operation === 'PutItem');
    expect(puts).toHaveLength(2);
    expect(puts[0].body).toMatchObject({
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(deviceId)',
      Item: { segment: { S: 'automation' }, deviceId: { S: 'ibeam/task/new' } },
    });
    const registered = emfLines().filter((r) => r.Event === 'device_registered');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ Category: 'device_session', deviceId: 'ibeam/task/new' });
    expect(double.items(TABLE).filter((i) => i.deviceId.S === 'ibeam/task/new')).toHaveLength(1);
  });

  test('a warm container does not write again for a device it already knows', async () => {
    // GIVEN
    await handler(
      subscription('/ibeam', 'ibeam/task/warm', [
        [IN_HOURS, '|I| Gateway running and authenticated'],
      ]),
    );
    const before = double.requests.length;
    // WHEN
    await handler(
      subscription('/ibeam', 'ibeam/task/warm', [
        [IN_HOURS, '|I| Gateway running and authenticated'],
      ]),
    );
    // THEN
    expect(double.requests.length).toBe(before);
  });

  test('a log source without device tracking never touches the registry', async () => {
    const before = double.requests.length;
    await handler(subscription('/desk', 'desk-1', [[IN_HOURS, 'IBC: Login attempt: 1']]));
    expect(double.requests.length).toBe(before);
    expect(emfLines()[0]).toMatchObject({
      Segment: 'execution',
      source: 'ibc',
      Event: 'login_attempted',
    });
    expect(emfLines()[0]).not.toHaveProperty('deviceId');
  });

  test('a successful login outside trading hours also emits login_outside_hours', async () => {
    // WHEN
    await handler(subscription('/desk', 'd', [[NIGHT, 'IBC: Login has completed']]));
    // THEN
    expect(emfLines().map((r) => r.Event)).toEqual(['login_succeeded', 'login_outside_hours']);
    expect(emfLines()[1]).toMatchObject({ Category: 'identity', Segment: 'execution' });
  });

  test('logins in trading hours, the pre-open lead or a configured window are expected', async () => {
    // 08:45 New York (pre-open), 23:45 New York (restart window), 10:00 New York
    for (const t of ['2026-01-05T13:45:00Z', '2026-01-06T04:45:00Z', '2026-01-05T15:00:00Z']) {
      await handler(subscription('/desk', 'd', [[Date.parse(t), 'IBC: Login has completed']]));
    }
    expect(emfLines().map((r) => r.Event)).toEqual([
      'login_succeeded',
      'login_succeeded',
      'login_succeeded',
    ]);
  });

  test("a bot's EMF line is not published twice, and the log group decides its segment", async () => {
    // GIVEN
    const botLine = JSON.stringify({
      _aws: { Timestamp: IN_HOURS, CloudWatchMetrics: [] },
      schema: 'brokerguard.login/1',
      time: '2026-01-05T15:00:00.000Z',
      segment: 'admin',
      source: 'bot',
      event: 'session_competing',
      category: 'device_session',
      deviceId: 'i-0abc',
    });
    const before = double.requests.length;
    // WHEN
    const result = await handler(subscription('/ibeam', 's', [[IN_HOURS, botLine]]));
    // THEN
    expect(result.classified).toBe(1);
    const put = double.requests.slice(before).find((r) => r.operation === 'PutItem');
    expect(put?.body.Item).toMatchObject({
      segment: { S: 'automation' },
      deviceId: { S: 'i-0abc' },
    });
    expect(emfLines().map((r) => r.Event)).toEqual(['device_registered']);
  });

  test('lines of a log group that is not configured are skipped, not guessed', async () => {
    const result = await handler(
      subscription('/other', 's', [[IN_HOURS, '|E| Logging in failed']]),
    );
    expect(result).toEqual({ classified: 0, unmatched: 1, emitted: 0 });
    expect(out.join('\n')).toMatch(/"log group is not a configured log source/);
  });

  test('the schedule publishes the trading-hours tick only inside trading hours', async () => {
    await expect(
      handler({ source: 'aws.events', time: '2026-01-05T15:00:00Z' }),
    ).resolves.toMatchObject({ emitted: 1 });
    expect(emfLines()[0]).toMatchObject({ Deployment: 'paper', TradingHoursTick: 1 });
    // 16:30 New York in summer (daylight saving): 20:30Z
    await expect(
      handler({ source: 'aws.events', time: '2026-07-06T20:30:00Z' }),
    ).resolves.toMatchObject({ emitted: 0 });
    // 09:45 New York in summer: 13:45Z
    await expect(
      handler({ source: 'aws.events', time: '2026-07-06T13:45:00Z' }),
    ).resolves.toMatchObject({ emitted: 1 });
  });

  test('a failed registry write is reported as a metric, never fails the batch, and is retried', async () => {
    // GIVEN a table the double does not know
    process.env.DEVICE_TABLE = 'missing-table';
    try {
      // WHEN
      const first = await handler(
        subscription('/ibeam', 'ibeam/task/x', [[IN_HOURS, '|E| Logging in failed']]),
      );
      // THEN the line is still published once, and the failure is counted
      expect(first).toEqual({ classified: 1, unmatched: 0, emitted: 1 });
      expect(emfLines().map((r) => r.Event ?? r.ClassifierFailures)).toEqual(['login_failed', 1]);
      expect(emfLines()[1]).toMatchObject({ Deployment: 'paper' });
      expect(out.join('\n')).toMatch(/device registry write failed.*ResourceNotFoundException/);
      // and the device is tried again on its next line
      const before = double.requests.length;
      await handler(subscription('/ibeam', 'ibeam/task/x', [[IN_HOURS, '|E| Logging in failed']]));
      expect(double.requests.length).toBe(before + 1);
    } finally {
      process.env.DEVICE_TABLE = TABLE;
    }
  });

  test('device ids from log streams keep a safe character set', () => {
    expect(deviceIdOf('2026/01/05/[$LATEST]abc')).toBe('2026/01/05/__LATEST_abc');
  });
});

describe('login classifier function, as bundled (dist/handlers/login-classifier)', () => {
  test('the real bundle classifies, publishes EMF and registers a device through the SDK', async () => {
    // GIVEN the esbuild bundle with its own copy of the AWS SDK (npm run build makes it)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require('../../dist/handlers/login-classifier/index.js');
    const before = double.requests.length;
    // WHEN
    const result = await bundle.handler(
      subscription('/ibeam', 'ibeam/task/bundled', [
        [IN_HOURS, '|W| COMPETING: Status(competing=True)'],
      ]),
    );
    // THEN
    expect(result).toEqual({ classified: 1, unmatched: 0, emitted: 2 });
    expect(emfLines().map((r) => [r.Event, r.Category])).toEqual([
      ['session_competing', 'device_session'],
      ['device_registered', 'device_session'],
    ]);
    const put = double.requests.slice(before).find((r) => r.operation === 'PutItem');
    expect(put?.body).toMatchObject({ ConditionExpression: 'attribute_not_exists(deviceId)' });
  });
});
