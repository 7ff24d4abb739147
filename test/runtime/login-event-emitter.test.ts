import { classifyLine } from '../../lib/monitoring/classify';
import { LoginEventEmitter } from '../../lib/runtime/login-event-emitter';

function capture() {
  const lines: string[] = [];
  return { lines, write: (l: string) => lines.push(l) };
}
const clock = () => new Date('2026-01-05T15:00:00Z');

describe('LoginEventEmitter', () => {
  test('writes one EMF line per event, with the login metric and the login event', () => {
    // GIVEN
    const sink = capture();
    const emitter = new LoginEventEmitter({
      segment: 'automation',
      deviceId: 'i-0abc',
      write: sink.write,
      clock,
    });
    // WHEN
    const event = emitter.emit('entitlement_missing', { detail: 'snapshot 10089' });
    // THEN
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0].endsWith('\n')).toBe(true);
    const record = JSON.parse(sink.lines[0]);
    expect(record._aws).toEqual({
      Timestamp: Date.parse('2026-01-05T15:00:00Z'),
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
    });
    expect(record).toMatchObject({
      Segment: 'automation',
      Event: 'entitlement_missing',
      Category: 'entitlement',
      LoginEvents: 1,
      schema: 'brokerguard.login/1',
      source: 'bot',
      deviceId: 'i-0abc',
      detail: 'snapshot 10089',
    });
    expect(event.category).toBe('entitlement');
  });

  test('its lines classify back to the same event offline', () => {
    const sink = capture();
    new LoginEventEmitter({ segment: 'execution', write: sink.write, clock }).heartbeat();
    expect(classifyLine(sink.lines[0])).toMatchObject({
      event: 'session_healthy',
      source: 'bot',
      ruleId: 'login-event',
    });
  });

  test('rejects a bad segment, source, event or device id before writing', () => {
    const sink = capture();
    expect(() => new LoginEventEmitter({ segment: 'ops' as never })).toThrow(
      /LoginEventEmitter segment: got "ops"; allowed: automation, execution, approvals, admin/,
    );
    expect(() => new LoginEventEmitter({ segment: 'admin', source: 'tws' as never })).toThrow(
      /source: got "tws"/,
    );
    const emitter = new LoginEventEmitter({ segment: 'admin', write: sink.write, clock });
    expect(() => emitter.emit('pwned' as never)).toThrow(/event: got "pwned"/);
    expect(() => emitter.emit('login_failed', { deviceId: 'bad id' })).toThrow(
      /deviceId: got "bad id"/,
    );
    expect(sink.lines).toHaveLength(0);
  });
});
