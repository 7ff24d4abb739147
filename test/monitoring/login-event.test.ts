import {
  LOGIN_EVENT_NAMES,
  LOGIN_EVENT_TRIAGE,
  categoryOf,
  loginEvent,
  parseLoginEvent,
} from '../../lib/contracts/login-event';

const valid = {
  schema: 'brokerguard.login/1',
  time: '2026-01-05T14:30:00.000Z',
  segment: 'automation',
  source: 'ibeam',
  event: 'login_failed',
  category: 'identity',
};

describe('login event schema brokerguard.login/1', () => {
  test('accepts a valid event and keeps only known fields', () => {
    // WHEN
    const event = parseLoginEvent({ ...valid, deviceId: 'i-0abc', detail: 'x', extra: 1 });
    // THEN
    expect(event).toEqual({ ...valid, deviceId: 'i-0abc', detail: 'x' });
  });

  test.each([
    [
      { schema: 'brokerguard.login/2' },
      /schema: got "brokerguard.login\/2"; allowed: "brokerguard.login\/1"/,
    ],
    [{ time: 'yesterday' }, /time: got "yesterday"; allowed: an ISO-8601 time/],
    [{ segment: 'ops' }, /segment: got "ops"; allowed: automation, execution, approvals, admin/],
    [{ source: 'tws' }, /source: got "tws"; allowed: ibc, ibeam, gateway, webapi, bot, aws/],
    [{ event: 'hacked' }, /event: got "hacked"; allowed: login_attempted/],
    [
      { category: 'device_session' },
      /category: got "device_session"; allowed: identity \(the category of login_failed\)/,
    ],
    [{ deviceId: 'has space' }, /deviceId: got "has space"/],
    [{ detail: 'x'.repeat(1025) }, /detail: .*at most 1024 characters/],
  ])('rejects %j', (patch, message) => {
    expect(() => parseLoginEvent({ ...valid, ...patch })).toThrow(message);
  });

  test('rejects what is not an object', () => {
    expect(() => parseLoginEvent([])).toThrow(/\(root\): got \[\]; allowed: a JSON object/);
  });

  test('loginEvent derives the category from the event', () => {
    // WHEN
    const event = loginEvent({
      time: new Date('2026-01-05T14:30:00Z'),
      segment: 'automation',
      source: 'bot',
      event: 'entitlement_missing',
    });
    // THEN
    expect(event).toEqual({
      schema: 'brokerguard.login/1',
      time: '2026-01-05T14:30:00.000Z',
      segment: 'automation',
      source: 'bot',
      event: 'entitlement_missing',
      category: 'entitlement',
    });
  });

  test('every event has a category and a next step', () => {
    for (const name of LOGIN_EVENT_NAMES) {
      expect(['identity', 'entitlement', 'device_session']).toContain(categoryOf(name));
      expect(LOGIN_EVENT_TRIAGE[name].nextStep.length).toBeGreaterThan(10);
    }
  });
});
