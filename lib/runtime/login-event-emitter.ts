import { BrokerGuardError } from '../errors';
import { loginEventEmf } from '../monitoring/login-emf';
import {
  LOGIN_SOURCES,
  LoginEvent,
  LoginEventName,
  LoginSource,
  loginEvent,
} from '../contracts/login-event';
import { SEGMENT_NAMES, SegmentName } from '../contracts';

export interface LoginEventEmitterProps {
  /** The segment the bot runs in; every event carries it. */
  readonly segment: SegmentName;
  /**
   * The tool that observed the event.
   * @default 'bot'
   */
  readonly source?: LoginSource;
  /**
   * What holds the session (instance id, task id, certificate serial). A first sighting per
   * segment raises the new-device alarm when the bot's log group is a configured log source.
   * @default - none
   */
  readonly deviceId?: string;
  /**
   * Where each line goes. In Lambda and containers, stdout reaches CloudWatch Logs as is.
   * @default - process.stdout
   */
  readonly write?: (line: string) => void;
  /** @default - the system clock */
  readonly clock?: () => Date;
}

/**
 * Lets a trading bot report login events itself, as Embedded Metric Format lines: CloudWatch
 * turns each into the `LoginEvents` metric (namespace BrokerGuard/Login) with no API call,
 * and the same alarms fire as for gateway log lines. Each line is also a
 * `brokerguard.login/1` event that `brokerguard diagnose` reads.
 *
 * ```ts
 * const login = new LoginEventEmitter({ segment: 'automation', deviceId: instanceId });
 * login.emit('session_competing', { detail: 'auth/status competing=true' });
 * setInterval(() => login.heartbeat(), 60_000); // a healthy session during trading hours
 * ```
 *
 * Never put a credential, token or account number in `detail`: it is logged.
 */
export class LoginEventEmitter {
  private readonly props: LoginEventEmitterProps;
  private readonly write: (line: string) => void;
  private readonly clock: () => Date;

  constructor(props: LoginEventEmitterProps) {
    if (!(SEGMENT_NAMES as readonly string[]).includes(props.segment)) {
      throw new BrokerGuardError(
        'LOGIN_EVENT',
        `LoginEventEmitter segment: got ${JSON.stringify(props.segment)}; allowed: ${SEGMENT_NAMES.join(', ')}`,
      );
    }
    if (
      props.source !== undefined &&
      !(LOGIN_SOURCES as readonly string[]).includes(props.source)
    ) {
      throw new BrokerGuardError(
        'LOGIN_EVENT',
        `LoginEventEmitter source: got ${JSON.stringify(props.source)}; allowed: ${LOGIN_SOURCES.join(', ')}`,
      );
    }
    this.props = props;
    this.write = props.write ?? ((line) => process.stdout.write(line));
    this.clock = props.clock ?? (() => new Date());
  }

  /**
   * Writes one event and returns it. Throws BrokerGuardError for an unknown event name or a
   * malformed device id, before anything is written.
   */
  public emit(
    event: LoginEventName,
    options: { detail?: string; deviceId?: string } = {},
  ): LoginEvent {
    const e = loginEvent({
      time: this.clock(),
      segment: this.props.segment,
      source: this.props.source ?? 'bot',
      event,
      deviceId: options.deviceId ?? this.props.deviceId,
      detail: options.detail,
    });
    this.write(JSON.stringify(loginEventEmf(e)) + '\n');
    return e;
  }

  /** A healthy session: the heartbeat the trading-hours alarm waits for. */
  public heartbeat(detail?: string): LoginEvent {
    return this.emit('session_healthy', { detail });
  }
}
