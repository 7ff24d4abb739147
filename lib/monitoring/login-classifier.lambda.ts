import { gunzipSync } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SegmentName } from '../contracts';
import { classifyLine } from './classify';
import { classifierFailureEmf, loginEventEmf, tradingHoursTickEmf } from './login-emf';
import { LoginEvent, LoginSource, loginEvent } from '../contracts/login-event';
import {
  LoginWindow,
  TradingHours,
  isExpectedLoginTime,
  isWithinTradingHours,
} from './trading-hours';

/** What the construct passes in LOG_SOURCES: which segment and tool each log group is. */
export interface ClassifierLogSource {
  readonly logGroupName: string;
  readonly segment: SegmentName;
  readonly source: LoginSource;
  readonly deviceIdFrom: 'log-stream' | 'none';
}

interface LogsPayload {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  logGroup: string;
  logStream: string;
  logEvents: { id: string; timestamp: number; message: string }[];
}

interface Settings {
  deployment: string;
  sources: Map<string, ClassifierLogSource>;
  tradingHours: TradingHours;
  loginWindows: LoginWindow[];
  deviceTable: string;
}

let settings: Settings | undefined;
let dynamo: DynamoDBClient | undefined;
// Devices already known in this container: saves a conditional write per healthy heartbeat.
const knownDevices = new Set<string>();

function loadSettings(): Settings {
  if (settings) return settings;
  const env = process.env;
  const missing = ['DEPLOYMENT', 'LOG_SOURCES', 'TRADING_HOURS', 'DEVICE_TABLE'].filter(
    (k) => !env[k],
  );
  if (missing.length)
    throw new Error(`login classifier: missing environment ${missing.join(', ')}`);
  const list = JSON.parse(env.LOG_SOURCES!) as ClassifierLogSource[];
  settings = {
    deployment: env.DEPLOYMENT!,
    sources: new Map(list.map((s) => [s.logGroupName, s])),
    tradingHours: JSON.parse(env.TRADING_HOURS!) as TradingHours,
    loginWindows: JSON.parse(env.LOGIN_WINDOWS ?? '[]') as LoginWindow[],
    deviceTable: env.DEVICE_TABLE!,
  };
  return settings;
}

/** Lets tests load a different environment into a warm module. */
export function resetForTests(): void {
  settings = undefined;
  dynamo = undefined;
  knownDevices.clear();
}

// EMF must be a raw JSON line: Lambda's console.log prefixes time and request id, and
// CloudWatch would then not extract the metric.
function emit(record: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(record) + '\n');
}

function logError(message: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(JSON.stringify({ level: 'error', message, ...fields }) + '\n');
}

/** Log stream names carry `[`, `$` and the like; a device id keeps a safe subset. */
export function deviceIdOf(logStream: string): string {
  return logStream.replace(/[^\w.:@/+-]/g, '_').slice(-128) || 'unknown';
}

/**
 * Records (segment, deviceId) with a conditional put. Returns true on the first sighting
 * anywhere: the condition makes concurrent classifiers agree on exactly one winner.
 */
async function registerDevice(s: Settings, event: LoginEvent): Promise<boolean> {
  const key = `${event.segment}\u0000${event.deviceId}`;
  if (knownDevices.has(key)) return false;
  dynamo ??= new DynamoDBClient({});
  try {
    await dynamo.send(
      new PutItemCommand({
        TableName: s.deviceTable,
        Item: {
          segment: { S: event.segment },
          deviceId: { S: event.deviceId! },
          firstSeen: { S: event.time },
          source: { S: event.source },
        },
        ConditionExpression: 'attribute_not_exists(deviceId)',
      }),
    );
    knownDevices.add(key);
    return true;
  } catch (err) {
    if (
      err instanceof ConditionalCheckFailedException ||
      (err as Error).name === 'ConditionalCheckFailedException'
    ) {
      knownDevices.add(key);
      return false;
    }
    throw err;
  }
}

/**
 * A failed registry write must not fail the batch: CloudWatch Logs would retry it and every
 * line already published would count twice (a false failed-login burst). The device stays
 * unknown, so its next line tries again, and the failure is published as a metric that the
 * classifier-errors alarm watches.
 */
async function registerOrReport(s: Settings, event: LoginEvent): Promise<boolean> {
  try {
    return await registerDevice(s, event);
  } catch (err) {
    logError('device registry write failed; the device is registered on its next line', {
      segment: event.segment,
      error: (err as Error).name,
    });
    emit(classifierFailureEmf(s.deployment, new Date()));
    return false;
  }
}

export interface ClassifierResult {
  readonly classified: number;
  readonly unmatched: number;
  readonly emitted: number;
}

async function classifyPayload(s: Settings, payload: LogsPayload): Promise<ClassifierResult> {
  if (payload.messageType !== 'DATA_MESSAGE') return { classified: 0, unmatched: 0, emitted: 0 };
  const source = s.sources.get(payload.logGroup);
  if (!source) {
    // Never guess a segment: a wrong one would page about the wrong credentials.
    logError('log group is not a configured log source; its lines are skipped', {
      logGroup: payload.logGroup,
    });
    return { classified: 0, unmatched: payload.logEvents.length, emitted: 0 };
  }
  const streamDevice =
    source.deviceIdFrom === 'log-stream' ? deviceIdOf(payload.logStream) : undefined;
  let classified = 0;
  let emitted = 0;
  for (const logEvent of payload.logEvents) {
    const c = classifyLine(logEvent.message);
    if (!c) continue;
    classified += 1;
    let event: LoginEvent;
    let alreadyMetric = false;
    if (c.loginEvent) {
      // A bot's own event: the log group, not the line, decides the segment.
      event = {
        ...c.loginEvent,
        segment: source.segment,
        deviceId: c.loginEvent.deviceId ?? streamDevice,
      };
      alreadyMetric = logEvent.message.includes('"_aws"');
    } else {
      event = loginEvent({
        time: new Date(logEvent.timestamp),
        segment: source.segment,
        source: source.source,
        event: c.event,
        deviceId: streamDevice,
        detail: `${c.ruleId}: ${c.matched}`,
      });
    }
    if (!alreadyMetric) {
      emit(loginEventEmf(event));
      emitted += 1;
    }
    if (
      event.event === 'login_succeeded' &&
      !isExpectedLoginTime(new Date(event.time), s.tradingHours, s.loginWindows)
    ) {
      emit(loginEventEmf({ ...event, event: 'login_outside_hours', category: 'identity' }));
      emitted += 1;
    }
    if (event.deviceId && (await registerOrReport(s, event))) {
      emit(
        loginEventEmf(
          loginEvent({
            time: event.time,
            segment: event.segment,
            source: event.source,
            event: 'device_registered',
            deviceId: event.deviceId,
            detail: `first sighting in ${payload.logGroup}`,
          }),
        ),
      );
      emitted += 1;
    }
  }
  return { classified, unmatched: payload.logEvents.length - classified, emitted };
}

type HandlerEvent = { awslogs: { data: string } } | { source: 'aws.events'; time?: string };

/**
 * Two inputs: a CloudWatch Logs subscription batch (classify, publish, register devices), or
 * the one-minute schedule (publish the trading-hours tick that the heartbeat alarm needs,
 * computed here because only code knows the time zone's daylight saving rules).
 */
export async function handler(event: HandlerEvent): Promise<ClassifierResult> {
  const s = loadSettings();
  if ('awslogs' in event) {
    const payload = JSON.parse(
      gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
    ) as LogsPayload;
    return classifyPayload(s, payload);
  }
  const now = event.time ? new Date(event.time) : new Date();
  if (isWithinTradingHours(now, s.tradingHours)) {
    emit(tradingHoursTickEmf(s.deployment, now));
    return { classified: 0, unmatched: 0, emitted: 1 };
  }
  return { classified: 0, unmatched: 0, emitted: 0 };
}
