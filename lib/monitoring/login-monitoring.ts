import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import {
  CLASSIFIER_ERRORS_TEXT,
  HEARTBEAT_DEFAULT_MINUTES,
  HEARTBEAT_TEXT,
  LOGIN_ALARM_THRESHOLD_DEFAULTS,
  LOGIN_COUNT_ALARMS,
  LoginAlarmThresholds,
  MONITORING_WINDOW_MAX_MINUTES,
  MONITORING_WINDOW_MIN_MINUTES,
  RELOGIN_GRACE_DEFAULT_MINUTES,
  SEGMENT_NAMES,
  SESSION_EXPIRED_TEXT,
  TRADING_HOURS_DEFAULT,
} from '../contracts';
import type { ISegmentCredential } from '../credentials/segment-credential';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { AwsDetections } from './aws-detections';
import { CisMetricFilters } from './cis-metric-filters';
import { LoginAlarmFactory } from './login-alarm-factory';
import { LoginClassifier } from './login-classifier';
import { LoginDashboard } from './login-dashboard';
import { LoginLogSource } from './login-log-source';
import {
  classifierFailuresMetric,
  heartbeatMissingMetric,
  loginEventsSum,
  sessionExpiredWithoutReloginMetric,
} from './login-metrics';
import type { LoginWindow, TradingHours } from './trading-hours';

/** Thresholds of the login count alarms; each alarm fires at or above its threshold. */
export interface LoginAlarmThresholdProps {
  /** Failed logins in 5 minutes. @default 3 */
  readonly failedLoginBurst?: number;
  /** Second-factor failures and timeouts in 1 minute. @default 1 */
  readonly secondFactor?: number;
  /** Competing sessions in 1 minute. @default 1 */
  readonly competingSession?: number;
  /** New devices registered in 1 minute. @default 1 */
  readonly newDevice?: number;
  /** Entitlement changes or refusals in 1 minute. @default 1 */
  readonly entitlement?: number;
  /** Lock-out warnings in 1 minute. @default 1 */
  readonly lockoutRisk?: number;
  /** Logins outside trading hours in 1 minute. @default 1 */
  readonly loginOutsideHours?: number;
}

export interface LoginMonitoringProps {
  /** Every alarm and detection reports here. */
  readonly alerts: AlertChannel;
  /**
   * The segment that owns the classifier and the device registry. Never automation: the
   * trading server must not own what watches it.
   * @default - the alert channel's segment
   */
  readonly owner?: AccessSegment;
  /**
   * Credentials built with the kit's constructs. Each one's segment gets the login-anomaly
   * alarms and a detection of reads from outside the segment.
   * @default - none
   */
  readonly credentials?: ISegmentCredential[];
  /**
   * Log groups the classifier reads. Each one's segment gets the login alarms and a heartbeat
   * alarm.
   * @default - no classifier
   */
  readonly logSources?: LoginLogSource[];
  /**
   * More segments to watch: login alarms, and their role and key in the IAM and KMS
   * detections.
   * @default - the segments of `credentials` and `logSources`
   */
  readonly segments?: AccessSegment[];
  /** @default - LoginAlarmThresholdProps defaults */
  readonly thresholds?: LoginAlarmThresholdProps;
  /**
   * How long a session may stay expired without a successful re-login. Whole minutes, 1–60.
   * @default Duration.minutes(10)
   */
  readonly reloginGrace?: Duration;
  /**
   * How long a segment with a log source may go without a healthy session during trading
   * hours. Whole minutes, 1–60.
   * @default Duration.minutes(5)
   */
  readonly heartbeatWindow?: Duration;
  /** When automation is expected to hold a healthy session. @default - 09:30–16:00 America/New_York, MON–FRI, 60 minutes pre-open */
  readonly tradingHours?: TradingHours;
  /** Extra daily windows when logins are expected (a scheduled restart). @default - none */
  readonly loginWindows?: LoginWindow[];
  /**
   * A log group your CloudTrail trail writes to: adds the CIS CloudWatch.1–7 metric filters
   * and alarms.
   * @default - no CIS filters
   */
  readonly cloudTrailLogGroup?: logs.ILogGroup;
  /**
   * Adds the deployment's CloudWatch dashboard (login events, alarms, credential ages), which
   * the execution segment may view. It costs $3 a month at list price (free among an
   * account's first three dashboards); the alarms alert without it.
   * @default false
   */
  readonly dashboard?: boolean;
}

/**
 * Login-anomaly monitoring for one deployment: the classifier on the given log groups,
 * per-segment alarms on login events, AWS-side detections on CloudTrail management events,
 * the optional CIS metric filters, and the optional dashboard — every alarm and rule reports to the
 * alert channel in one message format.
 */
export class LoginMonitoring extends Construct {
  /** Every alarm this construct made. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Lock-out risk and failed-login burst alarms: what the lock-out guard listens to. */
  public readonly lockoutAlarms: cloudwatch.IAlarm[] = [];
  /** The foreign-read detection of each segment that holds credentials, by segment name. */
  public readonly foreignReadRules: { [segment: string]: events.Rule };
  public readonly detections: AwsDetections;
  /** The classifier, when log sources are given. */
  public readonly classifier?: LoginClassifier;
  /** The dashboard, when `dashboard` is true. */
  public readonly dashboard?: LoginDashboard;
  /** Segments that got the login alarms, in canonical order. */
  public readonly alarmedSegments: AccessSegment[];

  constructor(scope: Construct, id: string, props: LoginMonitoringProps) {
    super(scope, id);
    const owner = props.owner ?? props.alerts.segment;
    if (owner.segmentName === 'automation') {
      throw new BrokerGuardError(
        'MONITORING_OWNER',
        'LoginMonitoring owner: got the automation segment; allowed: execution, approvals or admin — the trading server must not own what watches it',
      );
    }
    const credentials = props.credentials ?? [];
    const logSources = props.logSources ?? [];
    const thresholds: LoginAlarmThresholds = {
      ...LOGIN_ALARM_THRESHOLD_DEFAULTS,
      ...definedOnly(props.thresholds ?? {}),
    };
    for (const [key, value] of Object.entries(thresholds)) {
      if (!Number.isInteger(value) || value < 1 || value > 100) {
        throw new BrokerGuardError(
          'MONITORING_THRESHOLD',
          `LoginMonitoring thresholds.${key}: must be a whole number from 1 to 100, got ${value}`,
        );
      }
    }
    const grace = wholeMinutes('reloginGrace', props.reloginGrace, RELOGIN_GRACE_DEFAULT_MINUTES);
    const heartbeat = wholeMinutes(
      'heartbeatWindow',
      props.heartbeatWindow,
      HEARTBEAT_DEFAULT_MINUTES,
    );
    const deployment = props.alerts.deploymentName;
    for (const s of [
      owner,
      ...credentials.map((c) => c.secret.segment),
      ...logSources.map((l) => l.segment),
      ...(props.segments ?? []),
    ]) {
      if (s.deploymentName !== deployment) {
        throw new BrokerGuardError(
          'MONITORING_DEPLOYMENT',
          `LoginMonitoring: segment ${s.node.path} belongs to deployment "${s.deploymentName}", the alert channel to "${deployment}"; one LoginMonitoring watches one deployment`,
        );
      }
    }
    const factory = new LoginAlarmFactory(this, props.alerts);

    const credentialSegments = uniqueSegments(credentials.map((c) => c.secret.segment));
    const logSegments = uniqueSegments(logSources.map((s) => s.segment));
    this.alarmedSegments = uniqueSegments([
      ...credentialSegments,
      ...logSegments,
      ...(props.segments ?? []),
    ]);

    if (logSources.length > 0) {
      this.classifier = new LoginClassifier(this, 'Classifier', {
        owner,
        logSources,
        tradingHours: props.tradingHours ?? {
          ...TRADING_HOURS_DEFAULT,
          days: [...TRADING_HOURS_DEFAULT.days],
        },
        loginWindows: props.loginWindows,
      });
      factory.create('ClassifierErrors', {
        key: 'login-classifier-errors',
        // Errors Lambda saw, plus failures the function survived and published itself.
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(errors, 0) + FILL(failures, 0)',
          usingMetrics: {
            errors: this.classifier.function.metricErrors({ period: Duration.minutes(1) }),
            failures: classifierFailuresMetric(deployment, Duration.minutes(1)),
          },
          period: Duration.minutes(1),
        }),
        threshold: 1,
        text: CLASSIFIER_ERRORS_TEXT,
      });
    }

    for (const segment of this.alarmedSegments) {
      const name = segment.segmentName;
      for (const spec of LOGIN_COUNT_ALARMS) {
        const threshold = thresholds[spec.threshold];
        const alarm = factory.create(`${name}-${spec.key}`, {
          key: spec.key,
          segment: name,
          metric: loginEventsSum(name, spec.events, Duration.minutes(spec.periodMinutes)),
          threshold,
          text: spec.text(threshold),
        });
        if (spec.lockout) this.lockoutAlarms.push(alarm);
      }
      factory.create(`${name}-session-expired`, {
        key: 'session-expired',
        segment: name,
        // A window as long as the grace: an expiry and its re-login must share it.
        metric: sessionExpiredWithoutReloginMetric(name, Duration.minutes(grace)),
        threshold: 1,
        text: SESSION_EXPIRED_TEXT(grace),
      });
      if (logSegments.includes(segment)) {
        factory.create(`${name}-heartbeat-missing`, {
          key: 'heartbeat-missing',
          segment: name,
          metric: heartbeatMissingMetric(deployment, name, Duration.minutes(heartbeat)),
          threshold: 1,
          text: HEARTBEAT_TEXT(heartbeat),
        });
      }
    }

    this.detections = new AwsDetections(this, 'Detections', {
      alerts: props.alerts,
      segments: uniqueSegments([...this.alarmedSegments, owner, props.alerts.segment]),
      foreignReadSegments: credentialSegments,
    });
    this.foreignReadRules = this.detections.foreignReadRules;

    if (props.cloudTrailLogGroup) {
      new CisMetricFilters(this, 'Cis', {
        cloudTrailLogGroup: props.cloudTrailLogGroup,
        alarms: factory,
      });
    }

    this.alarms = factory.alarms;
    if (props.dashboard) {
      this.dashboard = new LoginDashboard(this, 'Dashboard', {
        deploymentName: deployment,
        alarms: this.alarms,
        credentials: credentials.map((c) => c.secret.fullName),
      });
    }
  }
}

/** Segments without repeats, in canonical order (automation, execution, approvals, admin). */
function uniqueSegments(list: AccessSegment[]): AccessSegment[] {
  const set = new Set(list);
  return SEGMENT_NAMES.flatMap((name) => [...set].filter((s) => s.segmentName === name));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function wholeMinutes(field: string, value: Duration | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const minutes = value.toMinutes({ integral: false });
  if (
    !Number.isInteger(minutes) ||
    minutes < MONITORING_WINDOW_MIN_MINUTES ||
    minutes > MONITORING_WINDOW_MAX_MINUTES
  ) {
    throw new BrokerGuardError(
      'MONITORING_WINDOW',
      `LoginMonitoring ${field}: must be whole minutes from ${MONITORING_WINDOW_MIN_MINUTES} to ${MONITORING_WINDOW_MAX_MINUTES}, got ${value.toHumanString()}`,
    );
  }
  return minutes;
}
