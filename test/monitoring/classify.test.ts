import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLASSIFIER_RULES, signalTableMarkdown } from '../../lib/monitoring/classifier-table';
import { classifyLine, lineTime, looksLoginRelated } from '../../lib/monitoring/classify';
import { LOGIN_EVENT_TRIAGE } from '../../lib/contracts/login-event';

// Every line shape in /work/shared/reference/ibkr-login-signals.md, as the tools print it.
const REFERENCE: [line: string, event: string, category: string][] = [
  // IBC
  ['2026-01-05 09:30:01:120 IBC: Login attempt: 1', 'login_attempted', 'identity'],
  ['2026-01-05 09:30:09:554 IBC: Login has completed', 'login_succeeded', 'identity'],
  [
    '2026-01-05 09:30:05:201 IBC: detected dialog entitled: Login failed; event=Opened',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05 09:30:05:202 IBC: Login error message: Invalid username or password.',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05 09:31:00:000 IBC: Too many failed login attempts. Please wait 5 minutes',
    'lockout_risk',
    'identity',
  ],
  [
    '2026-01-05 09:30:06:010 IBC: Second Factor Authentication initiated',
    'second_factor_requested',
    'identity',
  ],
  [
    '2026-01-05 09:33:06:011 IBC: IBC closing because login has not completed after Second Factor Authentication',
    'second_factor_timeout',
    'identity',
  ],
  [
    '2026-01-05 09:33:06:012 IBC: Re-login after second factor authentication timeout',
    'second_factor_timeout',
    'identity',
  ],
  ['2026-01-05 09:30:07:300 IBC: Existing session detected', 'session_competing', 'device_session'],
  ['2026-01-05 23:45:00:000 IBC: Re-login is required', 'session_expired', 'device_session'],
  [
    '2026-01-05 23:45:01:000 IBC: autorestart file not found: full authentication will be required',
    'session_expired',
    'device_session',
  ],
  ['2026-01-05 09:33:07 IBC returned exit status 1111', 'second_factor_timeout', 'identity'],
  [
    '2026-01-05 09:35:00 ibcstart.sh: IBC exited with exit code 1112',
    'gateway_unavailable',
    'device_session',
  ],
  // IBeam
  ['2026-01-05 14:30:11,412|I| Client login succeeds', 'login_succeeded', 'identity'],
  ['2026-01-05 14:30:11,413|I| Logging in succeeded', 'login_succeeded', 'identity'],
  ['2026-01-05 14:30:11,500|E| Logging in failed', 'login_failed', 'identity'],
  [
    '2026-01-05 14:30:11,501|E| Error: Invalid username password combination',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05 14:31:00,000|E| Maximum number of failed authentication attempts (3) reached. Shutting down.',
    'lockout_risk',
    'identity',
  ],
  [
    '2026-01-05 14:30:09,000|I| Credentials correct, but Gateway requires two-factor authentication.',
    'second_factor_requested',
    'identity',
  ],
  [
    '2026-01-05 14:30:09,001|I| Credentials correct, but Gateway requires notification two-factor authentication.',
    'second_factor_requested',
    'identity',
  ],
  [
    '2026-01-05 14:30:09,100|E| No 2FA handler found. You may define your own 2FA handler.',
    'second_factor_failed',
    'identity',
  ],
  [
    '2026-01-05 14:32:09,100|E| Timeout reached when waiting for authentication.',
    'second_factor_timeout',
    'identity',
  ],
  [
    '2026-01-05 14:40:00,000|W| Competing or disconnected Gateway session found, logging out and reauthenticating',
    'session_competing',
    'device_session',
  ],
  [
    '2026-01-05 14:40:00,001|W| COMPETING: Status(running=True, session=True, connected=True, authenticated=True, competing=True)',
    'session_competing',
    'device_session',
  ],
  [
    '2026-01-05 14:41:00,000|I| NOT AUTHENTICATED: Status(running=True, session=True, authenticated=False)',
    'session_expired',
    'device_session',
  ],
  [
    '2026-01-05 14:41:00,001|I| NO SESSION: Status(running=True, session=False)',
    'session_expired',
    'device_session',
  ],
  ['2026-01-05 14:41:00,002|I| Validation result is False', 'session_expired', 'device_session'],
  [
    '2026-01-05 14:50:00,000|E| Repeatedly reauthenticating failed 3 times. Killing the Gateway and restarting.',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05 14:42:00,000|I| Gateway running and authenticated, session id: 3f2a, server name: JifN19053',
    'session_healthy',
    'device_session',
  ],
  // Web API responses, as a bot logs them
  [
    '2026-01-05T14:45:00Z GET /v1/api/iserver/auth/status 200 {"authenticated":true,"competing":true,"connected":true}',
    'session_competing',
    'device_session',
  ],
  [
    '2026-01-05T14:45:01Z GET /v1/api/portfolio/accounts 401 {"error":"not authenticated"}',
    'session_expired',
    'device_session',
  ],
  [
    '2026-01-05T14:45:02Z POST /v1/api/oauth/live_session_token 401 {"error":"unauthorized"}',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05T14:45:02Z POST /v1/api/oauth/live_session_token status=401 invalid consumer',
    'login_failed',
    'identity',
  ],
  [
    '2026-01-05T14:45:03Z POST /v1/api/oauth/live_session_token 410 {"error":"gone"}',
    'session_expired',
    'device_session',
  ],
  [
    '2026-01-05T14:45:04Z GET /v1/api/iserver/marketdata/snapshot 200 {"error":"Requested market data is not subscribed. Displaying delayed market data."}',
    'entitlement_missing',
    'entitlement',
  ],
  [
    '2026-01-05T14:45:05Z POST /v1/api/iserver/account/U1234567/orders 400 {"error":"No trading permissions for this product"}',
    'entitlement_missing',
    'entitlement',
  ],
  [
    '2026-01-05T14:45:06Z bot: market data entitlement revoked for NASDAQ TotalView',
    'entitlement_changed',
    'entitlement',
  ],
  // The seed kept these as near misses; they are session states worth counting.
  [
    '2026-01-05 14:30:00,001|I| Gateway running but not authenticated, authenticating...',
    'session_expired',
    'device_session',
  ],
  [
    '2026-01-05T14:45:00Z GET /v1/api/iserver/auth/status 200 {"authenticated":true,"competing":false,"connected":true}',
    'session_healthy',
    'device_session',
  ],
  // Web API shapes the cited corpus has no public line for.
  [
    '2026-01-05T14:45:07Z GET /v1/api/iserver/auth/status 200 {"authenticated":true,"competing":false,"connected":false}',
    'connection_lost',
    'device_session',
  ],
  [
    '2026-01-05T14:45:08Z GET /v1/api/iserver/accounts 400 {"error":"Init session first"}',
    'session_expired',
    'device_session',
  ],
  // A competing flag wins over an authenticated one, in JSON and in a Python dict.
  [
    "2026-01-05 14:45:09,000 bot: tickle {'authenticated': True, 'competing': True, 'connected': True}",
    'session_competing',
    'device_session',
  ],
];

// Lines that look like the above but mean nothing.
const NEAR_MISSES = [
  '2026-01-05 09:29:59:000 IBC: ExistingSessionDetectedAction=primary',
  '2026-01-05 09:29:59:001 IBC: ReloginAfterSecondFactorAuthenticationTimeout=yes',
  '2026-01-05 09:29:59:002 IBC: SecondFactorAuthenticationTimeout=180',
  '2026-01-05 09:29:59:003 IBC: Login attempt: none pending',
  '2026-01-05 09:29:59:004 IBC: Login has not completed yet, waiting',
  '2026-01-05 09:29:59:005 IBC: Login dialog WINDOW_OPENED: LoginFrame',
  // the same dialog's later window events: only `Opened` counts
  '2026-01-05 09:30:05:202 IBC: detected dialog entitled: Login failed; event=Activated',
  '2026-01-05 09:35:00 IBC returned exit status 0',
  '2026-01-05 09:35:00 IBC returned exit status 11120',
  '2026-01-05 09:35:00 order 1112 filled at 101.5',
  '2026-01-05 14:30:00,000|I| IBEAM_MAX_FAILED_AUTH=5',
  '2026-01-05 14:30:00,002|I| Validation result is True',
  '2026-01-05 14:30:00,003|I| 2FA handler found: TOTP',
  '2026-01-05 14:30:00,004|I| Status(running=True, session=True, authenticated=True, competing=False)',
  '2026-01-05 14:30:00,005|I| Gateway no longer COMPETING after logout',
  '2026-01-05T14:45:00Z GET /v1/api/portfolio/accounts 200 {"accounts":["U1234567"]}',
  '2026-01-05T14:45:00Z GET /v1/api/iserver/marketdata/snapshot 200 [{"31":"101.5"}]',
  '2026-01-05 09:30:00:000 IBC: Market data farm connection is OK:usfarm',
  '2026-01-05T14:45:00Z processed 401 orders in 3.2 s',
  '{"schema":"brokerguard.login/1","event":"made_up"}',
  // other services' words: no IBKR status around them
  '2026-01-05T14:45:00Z slack: {"ok":true,"authenticated":true}',
  '2026-01-05T14:45:00Z redis: {"connected":false,"retry":3}',
  '2026-01-05T14:45:00Z POST https://hooks.example.com/alert 401 Unauthorized',
  '2026-01-05T14:45:00Z logrotate: no permission to write /var/log/bot.log',
  '',
];

describe('classifyLine', () => {
  test.each(REFERENCE)('%s → %s (%s)', (line, event, category) => {
    // WHEN
    const result = classifyLine(line);
    // THEN
    expect(result).toMatchObject({ event, category });
  });

  test.each(NEAR_MISSES.map((l) => [l]))('near miss %j matches nothing', (line) => {
    expect(classifyLine(line)).toBeUndefined();
  });

  test('every rule in the table is exercised by a reference or corpus line', () => {
    // GIVEN the lines above and the cited corpus
    const dir = join(__dirname, '..', 'fixtures', 'logs', 'corpus');
    const corpus = readdirSync(dir).flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { line: string }).line),
    );
    const used = new Set(
      [...REFERENCE.map(([line]) => line), ...corpus].map((l) => classifyLine(l)?.ruleId),
    );
    // THEN
    expect(CLASSIFIER_RULES.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });

  test('the one-scan literal index finds the same rule as trying every rule in order', () => {
    // GIVEN every reference and corpus line, each cut at every tenth character (lines that
    // hold some literals but lose others)
    const dir = join(__dirname, '..', 'fixtures', 'logs', 'corpus');
    const whole = [
      ...REFERENCE.map(([line]) => line),
      ...NEAR_MISSES,
      ...readdirSync(dir).flatMap((f) =>
        readFileSync(join(dir, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => (JSON.parse(l) as { line: string }).line),
      ),
    ];
    const lines = whole.flatMap((l) => [
      l,
      ...[...Array(Math.ceil(l.length / 10)).keys()].map((k) => l.slice(k * 10)),
    ]);
    // and every pair of rule literals run together, where literals overlap the most
    const literals = [...new Set(CLASSIFIER_RULES.map((r) => r.literal))];
    lines.push(...literals.flatMap((a) => literals.flatMap((b) => [a + b, `${a} ${b}`])));
    const naive = (line: string) =>
      CLASSIFIER_RULES.find((r) => line.includes(r.literal) && r.pattern.test(line))?.id;
    // THEN
    const differ = lines
      .filter((l) => !l.includes('brokerguard.login/1'))
      .filter((l) => classifyLine(l)?.ruleId !== naive(l));
    expect(differ).toEqual([]);
    expect(lines.length).toBeGreaterThan(2000);
  });

  test('a settings echo never matches, whatever setting it names', () => {
    // IBC echoes every setting at start-up as `    Name=value`; IBeam prints its env vars.
    const settings = [
      'ExistingSessionDetectedAction=primaryoverride',
      'ExistingSessionDetectedAction=secondary',
      'ReloginAfterSecondFactorAuthenticationTimeout=no',
      'ExitAfterSecondFactorAuthenticationTimeout=yes',
      'SecondFactorAuthenticationExitInterval=60',
      'LoginDialogDisplayTimeout=60',
      'ReadOnlyLogin=no',
      'AutoRestartTime=11:45 PM',
      'IBEAM_MAX_FAILED_AUTH=5',
      'IBEAM_OAUTH_TIMEOUT=15',
    ];
    for (const s of settings) expect([s, classifyLine(`    ${s}`)]).toEqual([s, undefined]);
  });

  test('every rule names an event with a triage step, and ids are unique', () => {
    expect(CLASSIFIER_RULES.every((r) => r.event in LOGIN_EVENT_TRIAGE)).toBe(true);
    expect(new Set(CLASSIFIER_RULES.map((r) => r.id)).size).toBe(CLASSIFIER_RULES.length);
  });

  test('reports the rule, source, stable text and the line time, not the whole line', () => {
    // WHEN
    const result = classifyLine('2026-01-05 14:30:11,500|E| Logging in failed for user trader42');
    // THEN
    expect(result).toEqual({
      ruleId: 'ibeam-logging-in-failed',
      event: 'login_failed',
      category: 'identity',
      source: 'ibeam',
      matched: 'Logging in failed',
      time: '2026-01-05T14:30:11.500Z',
    });
  });

  test('a match that spans a long body reports the rule literal, not the body', () => {
    // GIVEN a bot line whose body sits between the endpoint and the status
    const body = `{"oauth_token":"${'x'.repeat(400)}"}`;
    // WHEN
    const result = classifyLine(`POST /v1/api/oauth/live_session_token ${body} status=401`);
    // THEN
    expect(result).toMatchObject({ ruleId: 'webapi-lst-401', matched: 'live_session_token' });
  });

  test('a brokerguard.login/1 line keeps its own event, source and device', () => {
    // GIVEN
    const line =
      '{"schema":"brokerguard.login/1","time":"2026-01-05T14:30:00.000Z","segment":"automation","source":"bot","event":"session_healthy","category":"device_session","deviceId":"i-0abc"}';
    // WHEN
    const result = classifyLine(line);
    // THEN
    expect(result).toMatchObject({
      ruleId: 'login-event',
      event: 'session_healthy',
      source: 'bot',
    });
    expect(result?.loginEvent?.deviceId).toBe('i-0abc');
  });
});

describe('lineTime', () => {
  test('reads IBC, IBeam and ISO timestamps as UTC unless an offset is given', () => {
    expect(lineTime('2026-01-05 09:30:01:120 IBC: x')).toBe('2026-01-05T09:30:01.120Z');
    expect(lineTime('2026-01-05 09:30:01,5|I| x')).toBe('2026-01-05T09:30:01.500Z');
    expect(lineTime('2026-01-05T09:30:01-05:00 x')).toBe('2026-01-05T14:30:01.000Z');
    expect(lineTime('no time here')).toBeUndefined();
  });
});

describe('looksLoginRelated', () => {
  test.each([
    '2026-01-05 09:25:04:100 IBC: Login dialog WINDOW_OPENED: LoginState is LOGGED_OUT',
    '2023-04-11 21:14:41:891 IBC: Detected dialog entitled: Second Factor Authentication; event=Activated',
    '2026-01-05 14:30:11,412|I| Gateway auth webpage loaded',
    '2021-02-11 16:56:11,058 ib_insync.client INFO Logged on to server version 152',
    'ERROR something: session token refused',
    'bot: broker disconnected, retrying',
    '2FA prompt pending on phone',
    'bot: COMPETING, another session holds the login',
    'HTTP 401 Unauthorized from /portfolio/accounts',
  ])('%s reads as login-related', (line) => {
    expect(looksLoginRelated(line)).toBe(true);
  });

  test.each([
    '2021-02-11 16:56:12,075 ib_insync.ib INFO Synchronization complete',
    '2026-01-05 14:30:11,412|I| Maintenance',
    'strategy: rebalanced 12 positions',
    "Can't find EId with tickerId:1 (Error #300)",
    'authority records loaded', // "authority" is not "auth"
    'subsidiary ledger closed',
    '',
  ])('%j does not', (line) => {
    expect(looksLoginRelated(line)).toBe(false);
  });
});

describe('signalTableMarkdown', () => {
  test("the docs' signal table is the one the classifier table generates", () => {
    // GIVEN
    const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'monitoring.md'), 'utf8');
    const begin = '<!-- signal-table:begin (generated from lib/monitoring/classifier-table.ts) -->';
    const end = '<!-- signal-table:end -->';
    // THEN: on a difference, paste the expected table between the markers
    const inReadme = readme.slice(readme.indexOf(begin) + begin.length, readme.indexOf(end)).trim();
    expect(readme.indexOf(begin)).toBeGreaterThan(0);
    expect(inReadme).toBe(signalTableMarkdown());
  });

  test('counts each rule once, under its event and tool', () => {
    const table = signalTableMarkdown();
    const counted = table
      .split('\n')
      .slice(2)
      .flatMap((row) => row.split('|').slice(3, -1))
      .reduce((n, cell) => n + Number(cell.trim() || 0), 0);
    expect(counted).toBe(CLASSIFIER_RULES.length);
  });
});
