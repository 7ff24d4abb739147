/**
 * Facts the rules share with the constructs and other teams' conventions (team brief):
 * metric names, alarm naming, limits. One place, so a convention changes in one edit.
 */

/** Largest MFA age a human trust policy may accept: the IAM maximum session length. */
export const SEGMENT_DEFAULTS_MAX_MFA_AGE_SECONDS = 12 * 3600;

/** The automation role's longest session. */
export const AUTOMATION_MAX_SESSION_SECONDS = 3600;

/** Longest rotation interval per credential class, in hours. */
export const ROTATION_MAXIMUM_HOURS: Readonly<Record<string, number>> = {
  'session-token': 24,
  'api-key': 90 * 24,
};

/** Credential age metric (published by ManualCredential's age check). */
export const CREDENTIAL_AGE_METRIC = {
  namespace: 'BrokerGuard',
  metricName: 'CredentialAgeDays',
  dimension: 'Credential',
} as const;

/** Login events published as EMF by the classifier. */
export const LOGIN_EVENT_METRIC = {
  namespace: 'BrokerGuard/Login',
  metricName: 'LoginEvents',
  segmentDimension: 'Segment',
  eventDimension: 'Event',
} as const;

/**
 * The login-anomaly alarms every segment with credentials needs. An alarm counts when its
 * name ends with `-<segment>-<key>` (alarm naming convention) or when it watches
 * `LoginEvents` for the segment with an `Event` dimension matching `events`.
 */
export const LOGIN_ANOMALY_ALARMS: ReadonlyArray<{ key: string; name: RegExp; events: RegExp }> = [
  { key: 'failed-login-burst', name: /failed-login/, events: /^login_failed$/ },
  { key: 'second-factor', name: /second-factor/, events: /^second_factor_/ },
  { key: 'new-device', name: /new-device/, events: /^(new_device|device_new|device_registered)$/ },
  { key: 'entitlement-change', name: /entitlement/, events: /^entitlement_/ },
  { key: 'competing-session', name: /competing-session/, events: /^session_competing$/ },
];

/** Ports of TWS (7496 live, 7497 paper), IB Gateway (4001, 4002) and the Client Portal Gateway (5000). */
export const GATEWAY_PORTS = [4001, 4002, 5000, 7496, 7497] as const;

/** Node.js Lambda runtimes AWS still supports for rotation functions. */
export const SUPPORTED_NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
