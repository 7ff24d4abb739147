import { Readable } from 'node:stream';
import { join } from 'node:path';
import { run } from '../../lib/cli/diagnose';
import { CliIO } from '../../lib/cli/io';
import { parseLoginEvent } from '../../lib/contracts/login-event';

const LOGS = join(__dirname, '..', 'fixtures', 'logs');

async function diagnose(
  args: string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stdin: Readable.from([stdin]),
    env: {},
  };
  const code = await run(args, io);
  return { code, out, err };
}

describe('brokerguard diagnose', () => {
  test.each([
    [
      'ibc.log',
      'summary: 24 line(s), 15 classified (identity 11, entitlement 0, device_session 4), 9 unmatched',
    ],
    [
      'ibeam.log',
      'summary: 21 line(s), 17 classified (identity 9, entitlement 0, device_session 8), 4 unmatched',
    ],
    [
      'ib-gateway-docker.log',
      'summary: 10 line(s), 4 classified (identity 3, entitlement 0, device_session 1), 6 unmatched',
    ],
    [
      'webapi-bot.log',
      'summary: 9 line(s), 8 classified (identity 1, entitlement 2, device_session 5), 1 unmatched',
    ],
  ])('%s: prints category and next step per line and a summary', async (file, summary) => {
    // WHEN
    const { code, out } = await diagnose([join(LOGS, file)]);
    // THEN
    expect(code).toBe(0);
    expect(out.trim().split('\n').pop()).toBe(summary);
  });

  test('text output names the line, category, event, rule and the triage step', async () => {
    // WHEN
    const { out } = await diagnose([join(LOGS, 'ibeam.log')]);
    // THEN
    expect(out).toContain(
      'line 6: identity / login_failed (ibeam-invalid-credentials)\n  next: check the username and password',
    );
    expect(out).toContain('line 7: identity / login_failed (ibeam-logging-in-failed)');
    expect(out).toContain(
      'line 21: identity / lockout_risk (ibeam-max-failed-attempts)\n  next: stop every automated login now',
    );
    // the start-up banner, a settings echo and a healthy validation are not events
    expect(out).not.toMatch(/^line (1|2|13):/m);
  });

  test('--format json prints one valid brokerguard.login/1 event per classified line', async () => {
    // WHEN
    const { code, out, err } = await diagnose([
      join(LOGS, 'ibc.log'),
      '--format',
      'json',
      '--segment',
      'execution',
    ]);
    // THEN
    expect(code).toBe(0);
    const events = out
      .trim()
      .split('\n')
      .map((l) => parseLoginEvent(JSON.parse(l)));
    expect(events).toHaveLength(15);
    expect(events[0]).toEqual({
      schema: 'brokerguard.login/1',
      time: '2026-01-05T09:25:04.100Z',
      segment: 'execution',
      source: 'ibc',
      event: 'login_attempted',
      category: 'identity',
      detail: 'ibc-login-attempt: Login attempt: 1',
    });
    expect(err).toMatch(/15 classified/);
  });

  test('--source overrides the tool a rule names', async () => {
    const { out } = await diagnose(
      ['-', '--format', 'json', '--source', 'gateway'],
      '2026-01-05 09:25:04:100 IBC: Login attempt: 1\n',
    );
    expect(JSON.parse(out).source).toBe('gateway');
  });

  test('reads standard input with -', async () => {
    // WHEN
    const { code, out } = await diagnose(
      ['-'],
      'hello\n2026-01-05 14:30:05,001|E| Logging in failed\n',
    );
    // THEN
    expect(code).toBe(0);
    expect(out).toContain('line 2: identity / login_failed');
    expect(out).toContain('2 line(s), 1 classified');
  });

  test('--unmatched prints unmatched lines that look login-related, and only those', async () => {
    // GIVEN a log with a line the table does not know, noise, and a known line
    const log = [
      '2026-01-05 09:25:00:001 IBC: version: 3.20.0',
      '2026-01-05 09:25:06:300 IBC: detected dialog entitled: Login failed; event=Activated',
      'strategy: rebalanced 12 positions',
      '2026-01-05 09:25:04:100 IBC: Login attempt: 1',
      'bot: broker session dropped, code 9999',
    ].join('\n');
    // WHEN
    const { code, out } = await diagnose(['-', '--unmatched'], log + '\n');
    // THEN
    expect(code).toBe(0);
    expect(out).toContain(
      'line 2: unmatched, looks login-related\n  text: 2026-01-05 09:25:06:300 IBC: detected dialog entitled: Login failed; event=Activated\n',
    );
    expect(out).toContain(
      'line 5: unmatched, looks login-related\n  text: bot: broker session dropped, code 9999\n',
    );
    expect(out).not.toMatch(/^line (1|3): /m);
    expect(out).toContain('line 4: identity / login_attempted (ibc-login-attempt)');
    expect(out.trim().split('\n').pop()).toBe(
      'summary: 5 line(s), 1 classified (identity 1, entitlement 0, device_session 0), 4 unmatched (2 look login-related)',
    );
  });

  test('without --unmatched, unmatched lines are only counted', async () => {
    const { out } = await diagnose(['-'], 'bot: broker session dropped, code 9999\n');
    expect(out).not.toContain('unmatched, looks login-related');
    expect(out).toContain('1 unmatched\n');
  });

  test('--unmatched with --format json keeps stdout to events and reports gaps on stderr', async () => {
    // WHEN
    const { out, err } = await diagnose(
      ['-', '--format', 'json', '--unmatched'],
      'bot: broker session dropped, code 9999\n2026-01-05 09:25:04:100 IBC: Login attempt: 1\n',
    );
    // THEN
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(parseLoginEvent(JSON.parse(lines[0])).event).toBe('login_attempted');
    expect(err).toContain('line 1: unmatched, looks login-related');
    expect(err).toMatch(/1 unmatched \(1 look login-related\)/);
  });

  test('--unmatched cuts a very long line when it prints it', async () => {
    const { out } = await diagnose(['-', '--unmatched'], `session ${'x'.repeat(1000)}\n`);
    const text = out.split('\n').find((l) => l.startsWith('  text: '))!;
    expect(text.length).toBeLessThan(320);
    expect(text.endsWith('…')).toBe(true);
  });

  test('names event, category and rule for tools beyond IBC and IBeam', async () => {
    // GIVEN a TWS API error as ib_insync logs it and a Web API status inside a bot's line
    const log =
      '2026-01-05 14:30:00,000 ib_insync.wrapper ERROR Error 1100, reqId -1: Connectivity between IB and Trader Workstation has been lost.\n' +
      "2026-01-05 14:30:01,000 bot: auth status {'authenticated': True, 'competing': True, 'connected': True}\n" +
      'ERROR:ib_insync.wrapper:Error 354, reqId 4: Requested market data is not subscribed.\n';
    // WHEN
    const { out } = await diagnose(['-'], log);
    // THEN
    expect(out).toContain('line 1: device_session / connection_lost (tws-connectivity-lost)');
    expect(out).toContain('line 2: device_session / session_competing (webapi-status-competing)');
    expect(out).toContain(
      'line 3: entitlement / entitlement_missing (tws-market-data-not-subscribed)\n  next: not a login failure',
    );
  });

  test('--help lists --unmatched', async () => {
    const { code, out } = await diagnose(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--unmatched');
  });

  test('exit 2 with a clear error on unreadable input', async () => {
    await expect(diagnose([join(LOGS, 'missing.log')])).resolves.toMatchObject({
      code: 2,
      err: expect.stringMatching(/cannot read .*missing\.log: no such file/),
    });
    await expect(diagnose([LOGS])).resolves.toMatchObject({
      code: 2,
      err: expect.stringMatching(/not a file/),
    });
  });

  test('exit 2 on usage errors', async () => {
    await expect(diagnose([])).resolves.toMatchObject({
      code: 2,
      err: expect.stringMatching(/name a log file/),
    });
    await expect(diagnose(['x', '--format', 'xml'])).resolves.toMatchObject({
      code: 2,
      err: expect.stringMatching(/--format: got "xml"; allowed: text, json/),
    });
    await expect(diagnose(['x', '--segment', 'ops'])).resolves.toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /--segment: got "ops"; allowed: automation, execution, approvals, admin/,
      ),
    });
  });
});
