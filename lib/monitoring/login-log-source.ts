import * as logs from 'aws-cdk-lib/aws-logs';
import { AccessSegment } from '../segments/access-segment';

/** The tool that writes a log group the classifier reads. */
export enum LoginLogFormat {
  /** IBC driving TWS or IB Gateway. */
  IBC = 'ibc',
  /** IBeam driving the Client Portal gateway. */
  IBEAM = 'ibeam',
  /** A gateway container's combined output (IB Gateway, ib-gateway-docker). */
  GATEWAY = 'gateway',
  /** Client Portal Web API responses as a bot logs them. */
  WEBAPI = 'webapi',
  /** A bot's own log, possibly with `brokerguard.login/1` events. */
  BOT = 'bot',
}

/** How the classifier tells devices apart in a log group. */
export enum DeviceIdentity {
  /** Each log stream (instance, task) is a device; its first sighting raises `device_registered`. */
  LOG_STREAM = 'log-stream',
  /** No device tracking for this log group. */
  NONE = 'none',
}

/** A log group of a gateway, IBC, IBeam or a bot, and the segment whose logins it shows. */
export interface LoginLogSource {
  /** The log group; the classifier subscribes to it. */
  readonly logGroup: logs.ILogGroup;
  /** The segment whose logins it shows: its events carry this segment. */
  readonly segment: AccessSegment;
  /** The tool that writes it. */
  readonly format: LoginLogFormat;
  /** @default DeviceIdentity.LOG_STREAM */
  readonly deviceIdentity?: DeviceIdentity;
}
