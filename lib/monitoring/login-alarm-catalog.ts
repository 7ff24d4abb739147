import { Duration } from 'aws-cdk-lib';
import type { AlertCategory } from '../alerts/alert-message';
import type { MonitoringConfig } from '../config/monitoring-section';
import type { LoginEventName } from './login-event';

/** The message half of an alarm: what the phone shows. */
export interface AlarmText {
  readonly title: string;
  readonly category: AlertCategory;
  readonly firstStep: string;
  /** `runbook-...`: an `id` in the README's monitoring section. */
  readonly runbookAnchor: string;
}

/**
 * A per-segment alarm on the sum of some login events. Each alarm fires when the sum over
 * one `period` reaches the threshold.
 */
export interface LoginCountAlarmSpec {
  /** The alarm name suffix: `<deployment>-<segment>-<key>`. */
  readonly key: string;
  readonly events: readonly LoginEventName[];
  readonly period: Duration;
  readonly threshold: (config: MonitoringConfig) => number;
  readonly text: (threshold: number) => AlarmText;
  /** Part of the five login-anomaly alarms every credential-holding segment must have. */
  readonly core: boolean;
  /** Feeds the lock-out guard (LoginMonitoring.lockoutAlarms). */
  readonly lockout: boolean;
}

const minute = Duration.minutes(1);

/** One source of truth for the per-segment count alarms; the factory builds them all alike. */
export const LOGIN_COUNT_ALARMS: readonly LoginCountAlarmSpec[] = [
  {
    key: 'failed-login-burst',
    events: ['login_failed'],
    // A burst is a count over 5 minutes: one 5-minute period is the shortest window that holds it.
    period: Duration.minutes(5),
    threshold: (c) => c.thresholds.failedLoginBurst,
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
    period: minute,
    threshold: (c) => c.thresholds.secondFactor,
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
    period: minute,
    threshold: (c) => c.thresholds.competingSession,
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
    period: minute,
    threshold: (c) => c.thresholds.newDevice,
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
    period: minute,
    threshold: (c) => c.thresholds.entitlement,
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
    period: minute,
    threshold: (c) => c.thresholds.lockoutRisk,
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
    period: minute,
    threshold: (c) => c.thresholds.loginOutsideHours,
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

export const ROTATION_OVERDUE_TEXT = (credential: string, days: number): AlarmText => ({
  title: `credential ${credential} not changed for more than ${days} day(s)`,
  category: 'credential',
  firstStep:
    'for a rotating credential read the rotation function log; for a manual one put a new value (admin role).',
  runbookAnchor: 'runbook-rotation-overdue',
});

export const CLASSIFIER_ERRORS_TEXT: AlarmText = {
  title: 'the login classifier is failing: login alarms may be blind',
  category: 'device_session',
  firstStep:
    "read the classifier function's log group for the error; until fixed, watch the gateway logs by hand.",
  runbookAnchor: 'runbook-classifier-errors',
};
