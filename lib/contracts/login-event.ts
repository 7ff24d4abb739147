import { BrokerGuardError } from '../errors';
import { SEGMENT_NAMES, SegmentName } from './segments';

/** The schema tag every login event carries; bump it only with a breaking change. */
export const LOGIN_EVENT_SCHEMA = 'brokerguard.login/1';

/** Where a login event was observed. */
export const LOGIN_SOURCES = ['ibc', 'ibeam', 'gateway', 'webapi', 'bot', 'aws'] as const;
export type LoginSource = (typeof LOGIN_SOURCES)[number];

/** The seed's triage model: every login interruption is one of these. */
export const LOGIN_CATEGORIES = ['identity', 'entitlement', 'device_session'] as const;
export type LoginCategory = (typeof LOGIN_CATEGORIES)[number];

/**
 * Every event name, with its one category and the first triage step. The category is a
 * property of the event, never of the line that produced it, so a bot and a log line that
 * report the same thing always land in the same alarm.
 */
export const LOGIN_EVENT_TRIAGE = {
  login_attempted: { category: 'identity', nextStep: 'none: a login started.' },
  login_succeeded: { category: 'identity', nextStep: 'none: the login completed.' },
  login_failed: {
    category: 'identity',
    nextStep:
      "check the username and password in the segment's secret; do not retry more than twice, IBKR locks the account after repeated failures.",
  },
  lockout_risk: {
    category: 'identity',
    nextStep:
      'stop every automated login now (pause automation), wait until IBKR lifts the lock, then log in once by hand.',
  },
  second_factor_requested: {
    category: 'identity',
    nextStep: 'approve the IBKR Mobile notification on the phone within 3 minutes.',
  },
  second_factor_failed: {
    category: 'identity',
    nextStep:
      'no second factor could be given: configure the tool’s second-factor handler or log in once by hand.',
  },
  second_factor_timeout: {
    category: 'identity',
    nextStep:
      'the second-factor prompt expired: check the phone received the IBKR Mobile notification; after the weekly Sunday reset a full login with second factor is needed.',
  },
  session_competing: {
    category: 'device_session',
    nextStep:
      'another session (TWS, mobile, web) holds the login: close it or set ExistingSessionDetectedAction; if it is not yours, treat it as a lost device.',
  },
  session_expired: {
    category: 'device_session',
    nextStep:
      'the session lapsed: let the gateway re-login once; if it does not come back, check the daily restart and the weekly re-authentication.',
  },
  session_healthy: { category: 'device_session', nextStep: 'none: the session is authenticated.' },
  gateway_unavailable: {
    category: 'device_session',
    nextStep:
      'the gateway is not there to log in or answer: check its process, its display (Xvfb), its API port and the network path to IBKR.',
  },
  gateway_restarting: {
    category: 'device_session',
    nextStep:
      'the gateway is stopping or restarting: expected at the daily restart; at any other time find out what stopped it before it logs in again.',
  },
  connection_lost: {
    category: 'device_session',
    nextStep:
      'the gateway lost its link to IBKR (TWS API 1100, 2110, a broken data farm): usually the nightly reset; if it lasts, check the network and IBKR system status, never the credentials.',
  },
  connection_restored: {
    category: 'device_session',
    nextStep:
      'the link to IBKR is back (1101: data lost, resubscribe market data; 1102: data kept).',
  },
  client_id_in_use: {
    category: 'device_session',
    nextStep:
      'another API client holds this client id (TWS API 326): stop the stale process or give each client its own id; an unknown client is a session you do not own.',
  },
  device_registered: {
    category: 'device_session',
    nextStep:
      'a device this segment never saw holds a session: if it is not yours, start the lost-device playbook.',
  },
  login_outside_hours: {
    category: 'identity',
    nextStep:
      'a login outside trading hours: confirm it was you or the scheduled restart; if not, treat the credentials as exposed.',
  },
  entitlement_missing: {
    category: 'entitlement',
    nextStep:
      'not a login failure: check market-data subscriptions and trading permissions in Client Portal, and that the API user shares them.',
  },
  entitlement_changed: {
    category: 'entitlement',
    nextStep:
      'an entitlement changed: confirm in Client Portal that the change was yours, then check the strategy still has the data it needs.',
  },
} as const satisfies Record<string, { category: LoginCategory; nextStep: string }>;

export type LoginEventName = keyof typeof LOGIN_EVENT_TRIAGE;
export const LOGIN_EVENT_NAMES = Object.keys(LOGIN_EVENT_TRIAGE) as LoginEventName[];

/** The category of an event name. */
export function categoryOf(event: LoginEventName): LoginCategory {
  return LOGIN_EVENT_TRIAGE[event].category;
}

/** One login event (`brokerguard.login/1`): one JSON object per log line. */
export interface LoginEvent {
  readonly schema: typeof LOGIN_EVENT_SCHEMA;
  /** ISO-8601. */
  readonly time: string;
  readonly segment: SegmentName;
  readonly source: LoginSource;
  readonly event: LoginEventName;
  readonly category: LoginCategory;
  /** What holds the session: instance id, task id, certificate serial, a device name. */
  readonly deviceId?: string;
  /** The stable part of what was seen; never a credential. */
  readonly detail?: string;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const DEVICE_ID = /^[\w.:@/+-]{1,128}$/;

function fail(field: string, value: unknown, allowed: string): never {
  throw new BrokerGuardError(
    'LOGIN_EVENT',
    `login event ${field}: got ${JSON.stringify(value)}; allowed: ${allowed}`,
  );
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, value, allowed.join(', '));
  }
  return value as T;
}

/**
 * Checks an object against `brokerguard.login/1` and returns it typed. Throws a
 * BrokerGuardError naming the field, the value and what is allowed.
 */
export function parseLoginEvent(value: unknown): LoginEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('(root)', value, 'a JSON object');
  }
  const o = value as Record<string, unknown>;
  if (o.schema !== LOGIN_EVENT_SCHEMA) fail('schema', o.schema, JSON.stringify(LOGIN_EVENT_SCHEMA));
  if (typeof o.time !== 'string' || !ISO_8601.test(o.time) || Number.isNaN(Date.parse(o.time))) {
    fail('time', o.time, 'an ISO-8601 time such as 2026-01-05T14:30:00Z');
  }
  const segment = oneOf('segment', o.segment, SEGMENT_NAMES);
  const source = oneOf('source', o.source, LOGIN_SOURCES);
  const event = oneOf('event', o.event, LOGIN_EVENT_NAMES);
  const category = oneOf('category', o.category, LOGIN_CATEGORIES);
  if (category !== categoryOf(event))
    fail('category', category, `${categoryOf(event)} (the category of ${event})`);
  if (o.deviceId !== undefined && (typeof o.deviceId !== 'string' || !DEVICE_ID.test(o.deviceId))) {
    fail('deviceId', o.deviceId, `1-128 characters matching ${DEVICE_ID.source}`);
  }
  if (o.detail !== undefined && (typeof o.detail !== 'string' || o.detail.length > 1024)) {
    fail('detail', o.detail, 'a string of at most 1024 characters');
  }
  return {
    schema: LOGIN_EVENT_SCHEMA,
    time: o.time as string,
    segment,
    source,
    event,
    category,
    ...(o.deviceId !== undefined ? { deviceId: o.deviceId as string } : {}),
    ...(o.detail !== undefined ? { detail: o.detail as string } : {}),
  };
}

/** Builds a login event; the category always follows from the event. */
export function loginEvent(props: {
  time: Date | string;
  segment: SegmentName;
  source: LoginSource;
  event: LoginEventName;
  deviceId?: string;
  detail?: string;
}): LoginEvent {
  return parseLoginEvent({
    schema: LOGIN_EVENT_SCHEMA,
    time: typeof props.time === 'string' ? props.time : props.time.toISOString(),
    segment: props.segment,
    source: props.source,
    event: props.event,
    // An unknown event name has no category; parseLoginEvent then names the bad event.
    category: LOGIN_EVENT_TRIAGE[props.event]?.category,
    deviceId: props.deviceId,
    detail: props.detail,
  });
}
