import { ALERT_MESSAGE_MAX_LENGTH, formatAlert } from '../../lib/contracts/alert-message';

const base = {
  title: 'failed-login burst: 3 failed logins in 5 minutes',
  segment: 'automation' as const,
  category: 'identity' as const,
  firstStep: "stop the bot's login retries before IBKR locks the account.",
  runbookAnchor: 'runbook-failed-login-burst',
};

describe('formatAlert', () => {
  test('renders what happened, the segment, the category, the first step and the runbook', () => {
    // WHEN
    const text = formatAlert({ ...base, deployment: 'paper' });
    // THEN
    expect(text).toBe(
      [
        'BrokerGuard [paper] failed-login burst: 3 failed logins in 5 minutes',
        'Segment: automation | Category: identity',
        "First step: stop the bot's login retries before IBKR locks the account.",
        'Runbook: docs/runbooks.md#runbook-failed-login-burst',
      ].join('\n'),
    );
  });

  test('adds a detail line and a custom runbook base', () => {
    // WHEN
    const text = formatAlert({
      ...base,
      detail: 'caller arn:aws:iam::123456789012:role/x',
      runbookBase: 'https://example.com/README.md',
    });
    // THEN
    expect(text).toContain('\nDetail: caller arn:aws:iam::123456789012:role/x\n');
    expect(text).toMatch(/^BrokerGuard failed-login/);
    expect(text).toMatch(/Runbook: https:\/\/example.com\/README.md#runbook-failed-login-burst$/);
  });

  test('is deterministic', () => {
    expect(formatAlert(base)).toBe(formatAlert({ ...base }));
  });

  test('rejects an empty or multi-line title', () => {
    expect(() => formatAlert({ ...base, title: ' ' })).toThrow(/alert title must not be empty/);
    expect(() => formatAlert({ ...base, title: 'a\nb' })).toThrow(/alert title must be one line/);
  });

  test('rejects an anchor that is not a runbook anchor', () => {
    expect(() => formatAlert({ ...base, runbookAnchor: 'Failed Login' })).toThrow(
      /runbookAnchor must match .* got "Failed Login"/,
    );
  });

  test('rejects an unknown category', () => {
    expect(() => formatAlert({ ...base, category: 'weather' as never })).toThrow(
      /category must be one of identity, entitlement, device_session.* got "weather"/,
    );
  });

  test('rejects a message longer than an alarm description can hold', () => {
    expect(() => formatAlert({ ...base, firstStep: 'x'.repeat(ALERT_MESSAGE_MAX_LENGTH) })).toThrow(
      /characters; an alarm description holds at most 1024/,
    );
  });
});
