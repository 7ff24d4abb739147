import type { AlertCategory } from './alert-message';
import type { LoginEventName } from './login-event';
import { ROTATION_OVERDUE_INTERVALS } from './limits';

/**
 * Every alarm and detection the kit makes, as data: the one catalog the constructs build from,
 * the policy pack checks against and the docs' tables are rendered from.
 */

/** What the phone shows: the message half of an alarm or detection. */
export interface AlarmText {
  readonly title: string;
  readonly category: AlertCategory;
  readonly firstStep: string;
  /** `runbook-...`: an anchor in docs/runbooks.md. */
  readonly runbookAnchor: string;
}

/** The thresholds a user can set on the login count alarms (LoginMonitoring props / config). */
export interface LoginAlarmThresholds {
  readonly failedLoginBurst: number;
  readonly secondFactor: number;
  readonly competingSession: number;
  readonly newDevice: number;
  readonly entitlement: number;
  readonly lockoutRisk: number;
  readonly loginOutsideHours: number;
}

/** Defaults of LoginAlarmThresholds: each alarm fires at or above its threshold. */
export const LOGIN_ALARM_THRESHOLD_DEFAULTS: LoginAlarmThresholds = {
  failedLoginBurst: 3,
  secondFactor: 1,
  competingSession: 1,
  newDevice: 1,
  entitlement: 1,
  lockoutRisk: 1,
  loginOutsideHours: 1,
};

/** A per-segment alarm on the sum of some login events over one period. */
export interface LoginCountAlarmSpec {
  /** The alarm name suffix: `<deployment>-<segment>-<key>`. */
  readonly key: string;
  readonly events: readonly LoginEventName[];
  readonly periodMinutes: number;
  readonly threshold: keyof LoginAlarmThresholds;
  /** What the threshold counts, for the docs and the config reference. */
  readonly counts: string;
  readonly text: (threshold: number) => AlarmText;
  /** One of the login-anomaly alarms every credential-holding segment must have (BG-MON-1). */
  readonly core: boolean;
  /** Feeds the lock-out guard. */
  readonly lockout: boolean;
}

export const LOGIN_COUNT_ALARMS: readonly LoginCountAlarmSpec[] = [
  {
    key: 'failed-login-burst',
    events: ['login_failed'],
    // A burst is a count over 5 minutes: one 5-minute period is the shortest window that holds it.
    periodMinutes: 5,
    threshold: 'failedLoginBurst',
    counts: 'failed logins in 5 minutes',
    text: (n) => ({
      title: `failed-login burst: ${n} or more failed logins in 5 minutes`,
      category: 'identity',
      firstStep:
        "pause automation before IBKR locks the account, then check the password in the segment's secret.",
      runbookAnchor: 'runbook-failed-login-burst',
    }),
    core: true,
    lockout: true,
  },
  {
    key: 'second-factor',
    events: ['second_factor_failed', 'second_factor_timeout'],
    periodMinutes: 1,
    threshold: 'secondFactor',
    counts: 'second-factor failures and timeouts in 1 minute',
    text: () => ({
      title: 'second factor failed or timed out',
      category: 'identity',
      firstStep:
        'check the phone for the IBKR Mobile prompt; after the weekly Sunday reset a full login with second factor is needed.',
      runbookAnchor: 'runbook-second-factor',
    }),
    core: true,
    lockout: false,
  },
  {
    key: 'competing-session',
    events: ['session_competing'],
    periodMinutes: 1,
    threshold: 'competingSession',
    counts: 'competing sessions in 1 minute',
    text: () => ({
      title: 'another session took over the IBKR login',
      category: 'device_session',
      firstStep:
        'if you did not just log in elsewhere (TWS, mobile, web), treat it as a lost device and start the lost-device playbook.',
      runbookAnchor: 'runbook-competing-session',
    }),
    core: true,
    lockout: false,
  },
  {
    key: 'new-device',
    events: ['device_registered'],
    periodMinutes: 1,
    threshold: 'newDevice',
    counts: 'new devices registered in 1 minute',
    text: () => ({
      title: 'a device this segment never saw holds a session',
      category: 'device_session',
      firstStep:
        'read the deviceId in the login events; if it is not your server or desktop, start the lost-device playbook.',
      runbookAnchor: 'runbook-new-device',
    }),
    core: true,
    lockout: false,
  },
  {
    key: 'entitlement',
    events: ['entitlement_changed', 'entitlement_missing'],
    periodMinutes: 1,
    threshold: 'entitlement',
    counts: 'entitlement changes or refusals in 1 minute',
    text: () => ({
      title: 'an entitlement changed or is missing',
      category: 'entitlement',
      firstStep:
        'this is not a failed login: check market-data subscriptions and trading permissions in Client Portal.',
      runbookAnchor: 'runbook-entitlement',
    }),
    core: true,
    lockout: false,
  },
  {
    key: 'lockout-risk',
    events: ['lockout_risk'],
    periodMinutes: 1,
    threshold: 'lockoutRisk',
    counts: 'lock-out warnings in 1 minute',
    text: () => ({
      title: 'IBKR lock-out risk: logins refused after repeated failures',
      category: 'identity',
      firstStep:
        'stop every automated login now (pause automation); wait until IBKR lifts the lock, then log in once by hand.',
      runbookAnchor: 'runbook-lockout-risk',
    }),
    core: false,
    lockout: true,
  },
  {
    key: 'login-outside-hours',
    events: ['login_outside_hours'],
    periodMinutes: 1,
    threshold: 'loginOutsideHours',
    counts: 'logins outside trading hours in 1 minute',
    text: () => ({
      title: 'a login outside trading hours',
      category: 'identity',
      firstStep:
        'confirm it was you or the scheduled restart; if not, treat the login credentials as exposed.',
      runbookAnchor: 'runbook-login-outside-hours',
    }),
    core: false,
    lockout: false,
  },
];

/** The login-anomaly alarms BG-MON-1 requires of every segment that holds credentials. */
export const CORE_LOGIN_ALARMS = LOGIN_COUNT_ALARMS.filter((a) => a.core);

/** Alarms on derived login metrics and on credential age. */
export const SESSION_EXPIRED_TEXT = (minutes: number): AlarmText => ({
  title: `session expired with no successful re-login within ${minutes} minutes`,
  category: 'device_session',
  firstStep:
    'check the gateway: a daily restart that did not come back, or the weekly re-authentication that needs the second factor.',
  runbookAnchor: 'runbook-session-expired',
});

export const HEARTBEAT_TEXT = (minutes: number): AlarmText => ({
  title: `no healthy session for ${minutes} minutes during trading hours`,
  category: 'device_session',
  firstStep:
    'check that the gateway or bot is running and logged in; automation is not trading while this lasts.',
  runbookAnchor: 'runbook-heartbeat-missing',
});

export const CLASSIFIER_ERRORS_TEXT: AlarmText = {
  title: 'the login classifier is failing: login alarms may be blind',
  category: 'device_session',
  firstStep:
    "read the classifier function's log group for the error; until fixed, watch the gateway logs by hand.",
  runbookAnchor: 'runbook-classifier-errors',
};

export const ROTATION_OVERDUE_TEXT = (credential: string, hours: number): AlarmText => ({
  title: `credential ${credential} not rotated for more than ${hours} hours`,
  category: 'credential',
  firstStep:
    "read the rotation function's log group: the last rotations failed or the schedule was cancelled.",
  runbookAnchor: 'runbook-rotation-overdue',
});

export const CREDENTIAL_AGE_TEXT = (
  credential: string,
  days: number,
  runbook: string,
): AlarmText => ({
  title: `credential ${credential} last changed more than ${days} days ago, or flagged compromised`,
  category: 'credential',
  firstStep: runbook,
  runbookAnchor: 'runbook-credential-age',
});

export const GATEWAY_RESTART_LOOP_TEXT = (stops: number): AlarmText => ({
  title: `the gateway host stopped ${stops} or more times in an hour: a restart loop logs in to IBKR again and again`,
  category: 'identity',
  firstStep:
    'the lock-out guard has paused automation and scaled the host to zero; read why the tasks stopped before resuming.',
  runbookAnchor: 'runbook-gateway-restart-loop',
});

export const GATEWAY_TASK_STOPPED_TEXT: AlarmText = {
  title: 'a gateway task stopped; ECS starts another, which logs in to IBKR again',
  category: 'device_session',
  firstStep:
    'if the reason is a second-factor timeout, approve the next prompt on the phone; otherwise pause automation and read the task log.',
  runbookAnchor: 'runbook-gateway-task-stopped',
};

/** One row of the docs' alarm table. */
export interface CatalogEntry {
  readonly key: string;
  /** Where it is made: per segment, per credential, or once per deployment. */
  readonly scope: 'segment' | 'credential' | 'deployment';
  /** What fires it. */
  readonly when: string;
  readonly text: AlarmText;
}

/** Every CloudWatch alarm the kit makes (CIS filters aside), for the docs. */
export function alarmCatalog(thresholds = LOGIN_ALARM_THRESHOLD_DEFAULTS): CatalogEntry[] {
  return [
    ...LOGIN_COUNT_ALARMS.map((a) => ({
      key: a.key,
      scope: 'segment' as const,
      when: `≥ ${thresholds[a.threshold]} ${a.counts} (events ${a.events.map((e) => `\`${e}\``).join(', ')})`,
      text: a.text(thresholds[a.threshold]),
    })),
    {
      key: 'session-expired',
      scope: 'segment',
      when: '`session_expired` with no `login_succeeded` or `session_healthy` within the re-login grace',
      text: SESSION_EXPIRED_TEXT(10),
    },
    {
      key: 'heartbeat-missing',
      scope: 'segment',
      when: 'no `session_healthy` or `login_succeeded` for the heartbeat window during trading hours (segments with a log source)',
      text: HEARTBEAT_TEXT(5),
    },
    {
      key: 'login-classifier-errors',
      scope: 'deployment',
      when: 'the classifier function errs, or survives a device-registry failure',
      text: CLASSIFIER_ERRORS_TEXT,
    },
    {
      key: 'gateway-restart-loop',
      scope: 'segment',
      when: 'the gateway host (automation) has tasks stop, other than by scaling down, this many times in a clock hour (default 3; config gateway.maxTaskStopsPerHour); feeds the lock-out guard',
      text: GATEWAY_RESTART_LOOP_TEXT(3),
    },
    {
      key: '<name>-rotation-overdue',
      scope: 'credential',
      when: `a rotating credential older than ${ROTATION_OVERDUE_INTERVALS} rotation intervals`,
      text: ROTATION_OVERDUE_TEXT('<name>', 24),
    },
    {
      key: '<name>-age',
      scope: 'credential',
      when: 'a hand-kept credential (manual, IBKR issuer) older than its maximum age, or flagged compromised',
      text: CREDENTIAL_AGE_TEXT(
        '<name>',
        90,
        'change it at the broker, then put the new value (admin role).',
      ),
    },
  ];
}

/** An EventBridge detection on CloudTrail events. */
export interface DetectionSpec {
  /** The rule name suffix: `brokerguard-<deployment>-<key>`. */
  readonly key: string;
  readonly scope: 'segment' | 'deployment';
  /** The CloudTrail events it matches, for the docs. */
  readonly when: string;
  readonly text: (segment: string) => AlarmText;
}

export const DETECTIONS: readonly DetectionSpec[] = [
  {
    key: 'foreign-read-<segment>',
    scope: 'segment',
    when: '`GetSecretValue` on a segment secret by any principal that is not the segment role or a member (refused reads too)',
    text: (segment) => ({
      title: `a ${segment} secret was read from outside the segment`,
      category: 'credential',
      firstStep:
        'treat the secret as exposed: start the suspected-exposure playbook, then rotate it.',
      runbookAnchor: 'runbook-foreign-secret-read',
    }),
  },
  {
    key: 'rotation-failed',
    scope: 'deployment',
    when: 'Secrets Manager `RotationFailed` or `RotationAbandoned`',
    text: () => ({
      title: 'a secret rotation failed or was abandoned',
      category: 'credential',
      firstStep:
        "read the rotation function's log; the old value stays current until a rotation succeeds.",
      runbookAnchor: 'runbook-rotation-failed',
    }),
  },
  {
    key: 'rotation-changed',
    scope: 'deployment',
    when: '`CancelRotateSecret` or `RotateSecret` on a deployment secret',
    text: () => ({
      title: "a secret's rotation was disabled or its schedule changed",
      category: 'credential',
      firstStep:
        'if no deploy of yours is running, re-deploy to restore the schedule and find who called it.',
      runbookAnchor: 'runbook-rotation-changed',
    }),
  },
  {
    key: 'secret-policy-changed',
    scope: 'deployment',
    when: '`PutResourcePolicy` or `DeleteResourcePolicy` on a deployment secret',
    text: () => ({
      title: "a secret's resource policy changed",
      category: 'credential',
      firstStep:
        'if no deploy of yours is running, re-deploy to restore the deny-outside-segment policy.',
      runbookAnchor: 'runbook-secret-policy-changed',
    }),
  },
  {
    key: 'role-policy-changed',
    scope: 'deployment',
    when: 'an IAM call that changes a segment role (`PutRolePolicy`, `AttachRolePolicy`, `UpdateAssumeRolePolicy`, boundary changes, …)',
    text: () => ({
      title: "a segment role's policy changed",
      category: 'aws_account',
      firstStep:
        'if it is not a deploy or an incident playbook of yours, revert it and start the playbook.',
      runbookAnchor: 'runbook-role-policy-changed',
    }),
  },
  {
    key: 'key-disabled',
    scope: 'deployment',
    when: '`DisableKey` or `ScheduleKeyDeletion` on a segment key',
    text: () => ({
      title: 'a segment key was disabled or scheduled for deletion',
      category: 'aws_account',
      firstStep:
        'cancel the deletion or enable the key now (admin role): its secrets are unreadable meanwhile.',
      runbookAnchor: 'runbook-key-disabled',
    }),
  },
  {
    key: 'console-signin-failed',
    scope: 'deployment',
    when: 'a failed `ConsoleLogin`',
    text: () => ({
      title: 'an AWS console sign-in failed',
      category: 'aws_account',
      firstStep:
        'if it was not you, check the account password and MFA devices of the user named below.',
      runbookAnchor: 'runbook-console-signin-failed',
    }),
  },
  {
    key: 'console-signin-no-mfa',
    scope: 'deployment',
    when: 'a successful `ConsoleLogin` of an IAM user or root without MFA',
    text: () => ({
      title: 'an AWS console sign-in without MFA',
      category: 'aws_account',
      firstStep: 'if it was not you, change that password now; then require MFA for the user.',
      runbookAnchor: 'runbook-console-signin-no-mfa',
    }),
  },
  {
    key: 'root-activity',
    scope: 'deployment',
    when: 'any API call or console sign-in by the root user',
    text: () => ({
      title: 'the root user was used',
      category: 'aws_account',
      firstStep:
        'if it was not you, change the root password, check its MFA device, and start the playbook.',
      runbookAnchor: 'runbook-root-activity',
    }),
  },
  {
    key: 'config-noncompliant',
    scope: 'deployment',
    when: 'an AWS Config rule of BrokerGuardConfigRules turns a resource `NON_COMPLIANT` (opt-in; needs a configuration recorder)',
    text: () => ({
      title: 'a resource drifted out of a brokerguard policy (AWS Config)',
      category: 'aws_account',
      firstStep:
        'open the Config rule named below; if no deploy of yours explains the change, re-deploy and find who made it.',
      runbookAnchor: 'runbook-config-noncompliant',
    }),
  },
];

/** The detection spec of a key (`foreign-read` for every segment's foreign-read rule). */
export function detection(key: string): DetectionSpec {
  const spec = DETECTIONS.find((d) => d.key === key || d.key === `${key}-<segment>`);
  if (!spec) throw new Error(`no detection ${key} in the catalog`);
  return spec;
}
