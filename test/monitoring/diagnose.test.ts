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
      'summary: 24 line(s), 15 classified (identity 12, entitlement 0, device_session 3), 9 unmatched',
    ],
    [
      'ibeam.log',
      'summary: 21 line(s), 16 classified (identity 9, entitlement 0, device_session 7), 5 unmatched',
    ],
    [
      'ib-gateway-docker.log',
      'summary: 10 line(s), 4 classified (identity 3, entitlement 0, device_session 1), 6 unmatched',
    ],
    [
      'webapi-bot.log',
      'summary: 9 line(s), 7 classified (identity 1, entitlement 2, device_session 4), 2 unmatched',
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
    // start-up echo and a healthy validation are not events
    expect(out).not.toMatch(/^line (1|2|3|13):/m);
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
