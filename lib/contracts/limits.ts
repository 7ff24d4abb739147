/**
 * Limits the constructs enforce, the config schema validates and the policy rules check, with
 * the defaults inside them. Plain numbers: this module has no dependencies.
 */

/** The automation role's session length (forced). */
export const AUTOMATION_MAX_SESSION_SECONDS = 3600;
/** A human segment role's session length: default, and the IAM range. */
export const HUMAN_MAX_SESSION_DEFAULT_SECONDS = 3600;
export const ROLE_MAX_SESSION_MIN_SECONDS = 3600;
export const ROLE_MAX_SESSION_MAX_SECONDS = 12 * 3600;
/** How old an MFA sign-in a human trust policy accepts: default and largest. */
export const MFA_MAX_AGE_DEFAULT_SECONDS = 3600;
export const MFA_MAX_AGE_LIMIT_SECONDS = 12 * 3600;

/** Secrets Manager rotates at most every 4 hours. */
export const ROTATION_MIN_HOURS = 4;
/** Longest rotation interval per rotatable credential class (BG-ROT-1), in hours. */
export const ROTATION_MAXIMUM_HOURS: Readonly<Record<string, number>> = {
  'session-token': 24,
  'api-key': 90 * 24,
};
/** Default rotation interval per class, in hours. */
export const ROTATION_DEFAULT_HOURS: Readonly<Record<string, number>> = {
  'session-token': 12,
  'api-key': 30 * 24,
};
/** IBKR's live session token lives 24 hours. */
export const IBKR_SESSION_TOKEN_LIFETIME_HOURS = 24;
/** A rotating credential is overdue once older than this many rotation intervals. */
export const ROTATION_OVERDUE_INTERVALS = 2;

/** A manual credential's age alarm: default and allowed range, in days. */
export const MANUAL_MAX_AGE_DEFAULT_DAYS = 90;
export const MANUAL_MAX_AGE_MIN_DAYS = 1;
export const MANUAL_MAX_AGE_MAX_DAYS = 1000;

/** Default retention of the kit's log groups, in days. */
export const LOG_RETENTION_DEFAULT_DAYS = 365;

/**
 * API ports that take orders from whoever connects: TWS (7496 live, 7497 paper), IB Gateway
 * (4001 live, 4002 paper), the Client Portal Gateway (5000), and the relays the common
 * gnzsnz/ib-gateway image publishes them on (socat: 4003/4004 for the gateway, 7498/7499 for TWS).
 */
export const GATEWAY_PORTS = [4001, 4002, 4003, 4004, 5000, 7496, 7497, 7498, 7499] as const;

/**
 * CPU units → memory sizes (MiB) that AWS Fargate accepts for a Linux task, per the ECS
 * developer guide's task-size table (read 2026-12): 0.25–4 vCPU; larger sizes are left out
 * (a gateway never needs them).
 */
export const FARGATE_TASK_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: Array.from({ length: 13 }, (_, i) => 4096 + i * 1024),
  4096: Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
};

/**
 * The gateway host's restart-loop alarm: this many task stops (crashes, exits, failed health
 * checks; never scale-downs) within an hour pause automation through the lock-out guard.
 */
export const GATEWAY_MAX_TASK_STOPS_PER_HOUR_DEFAULT = 3;

/**
 * Lambda runtimes AWS supports (not deprecated) for any function, rotation functions
 * included, per the runtime table of the AWS Lambda developer guide ("Lambda runtimes",
 * read 2026): python3.9 was deprecated on 2025-12-15 and nodejs18.x on 2025-09-01, so
 * neither is here. Update this one list when AWS deprecates or adds a runtime.
 */
export const SUPPORTED_LAMBDA_RUNTIMES = [
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.3',
  'ruby3.4',
  'provided.al2',
  'provided.al2023',
] as const;

/** Minutes a session may stay expired without a successful re-login: default and range. */
export const RELOGIN_GRACE_DEFAULT_MINUTES = 10;
/** Minutes without a healthy session, in trading hours, that raise the heartbeat alarm. */
export const HEARTBEAT_DEFAULT_MINUTES = 5;
/** Monitoring windows (re-login grace, heartbeat) are whole minutes in this range. */
export const MONITORING_WINDOW_MIN_MINUTES = 1;
export const MONITORING_WINDOW_MAX_MINUTES = 60;

/** US equities' regular session, when no trading hours are given. */
export const TRADING_HOURS_DEFAULT = {
  timezone: 'America/New_York',
  days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  start: '09:30',
  end: '16:00',
  preOpenMinutes: 60,
} as const;

/**
 * AWS Organizations quota for an authorization policy (SCP or RCP) document: 5,120 characters,
 * counted as sent (whitespace included; minified JSON is the smallest form).
 */
export const ORGANIZATION_POLICY_MAX_CHARACTERS = 5120;
