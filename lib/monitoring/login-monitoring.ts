import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import type { CredentialConfig } from '../config/credentials-section';
import type { MonitoringConfig } from '../config/monitoring-section';
import { BrokerGuardError } from '../errors';
import { SEGMENT_NAMES, SegmentName } from '../segment-names';
import { AccessSegment } from '../segments/access-segment';
import { AwsDetections } from './aws-detections';
import { CisMetricFilters } from './cis-metric-filters';
import {
  CLASSIFIER_ERRORS_TEXT,
  HEARTBEAT_TEXT,
  LOGIN_COUNT_ALARMS,
  ROTATION_OVERDUE_TEXT,
  SESSION_EXPIRED_TEXT,
} from './login-alarm-catalog';
import { LoginAlarmFactory } from './login-alarm-factory';
import { LoginClassifier } from './login-classifier';
import { LoginDashboard } from './login-dashboard';
import {
  classifierFailuresMetric,
  credentialAgeMetric,
  heartbeatMissingMetric,
  loginEventsSum,
  sessionExpiredWithoutReloginMetric,
} from './login-metrics';

export interface LoginMonitoringProps {
  /** The `monitoring` config section, validated. */
  readonly config: MonitoringConfig;
  readonly segments: Record<SegmentName, AccessSegment>;
  readonly alerts: AlertChannel;
  /**
   * Every credential of the deployment: each holding segment gets the login alarms, and each
   * credential a rotation-overdue alarm on its age.
   * @default - none
   */
  readonly credentials?: readonly CredentialConfig[];
  /**
   * The segment that owns the classifier and the device registry.
   * @default 'approvals'
   */
  readonly ownerSegment?: SegmentName;
}

/**
 * Login-anomaly monitoring for one deployment: the classifier on the configured log groups,
 * per-segment alarms on login events, AWS-side detections on CloudTrail management events,
 * the optional CIS metric filters, and the dashboard — every alarm and rule reports to the
 * alert channel in one message format.
 */
export class LoginMonitoring extends Construct {
  /** Every alarm this construct made. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Lock-out risk and failed-login burst alarms: what the lock-out guard listens to. */
  public readonly lockoutAlarms: cloudwatch.IAlarm[] = [];
  /** The foreign-read detection of each segment that holds credentials. */
  public readonly foreignReadRules: Partial<Record<SegmentName, events.Rule>>;
  public readonly detections: AwsDetections;
  public readonly classifier?: LoginClassifier;
  public readonly dashboard: LoginDashboard;
  /** Segments that got the login alarms: those with a credential or a log source. */
  public readonly alarmedSegments: readonly SegmentName[];

  constructor(scope: Construct, id: string, props: LoginMonitoringProps) {
    super(scope, id);
    const config = props.config;
    const credentials = props.credentials ?? [];
    const ownerName = props.ownerSegment ?? 'approvals';
    if (ownerName === 'automation') {
      throw new BrokerGuardError(
        'MONITORING_OWNER',
        'LoginMonitoring ownerSegment: got "automation"; allowed: execution, approvals, admin — the trading server must not own what watches it',
      );
    }
    const deployment = props.alerts.deploymentName;
    const factory = new LoginAlarmFactory(this, props.alerts);

    const credentialSegments = new Set(credentials.map((c) => c.segment));
    const logSegments = new Set(config.logSources.map((s) => s.segment));
    this.alarmedSegments = SEGMENT_NAMES.filter(
      (s) => credentialSegments.has(s) || logSegments.has(s),
    );

    if (config.logSources.length > 0) {
      this.classifier = new LoginClassifier(this, 'Classifier', {
        segment: props.segments[ownerName],
        logSources: config.logSources,
        tradingHours: config.tradingHours,
        loginWindows: config.loginWindows,
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
      for (const spec of LOGIN_COUNT_ALARMS) {
        const threshold = spec.threshold(config);
        const alarm = factory.create(`${segment}-${spec.key}`, {
          key: spec.key,
          segment,
          metric: loginEventsSum(segment, spec.events, spec.period),
          threshold,
          text: spec.text(threshold),
        });
        if (spec.lockout) this.lockoutAlarms.push(alarm);
      }
      const grace = Duration.minutes(config.reloginGraceMinutes);
      factory.create(`${segment}-session-expired`, {
        key: 'session-expired',
        segment,
        // A window as long as the grace: an expiry and its re-login must share it.
        metric: sessionExpiredWithoutReloginMetric(segment, grace),
        threshold: 1,
        text: SESSION_EXPIRED_TEXT(config.reloginGraceMinutes),
      });
      if (logSegments.has(segment) && this.classifier) {
        const window = Duration.minutes(config.heartbeatMinutes);
        factory.create(`${segment}-heartbeat-missing`, {
          key: 'heartbeat-missing',
          segment,
          metric: heartbeatMissingMetric(deployment, segment, window),
          threshold: 1,
          text: HEARTBEAT_TEXT(config.heartbeatMinutes),
        });
      }
    }

    // Rotating credentials only: a manual one already has its age alarm (ManualCredential).
    for (const c of credentials) {
      if (c.rotation.type !== 'ibkr-oauth') continue;
      const secretName = `${deployment}/${c.segment}/${c.name}`;
      // Overdue once it missed a rotation: older than two rotation intervals.
      const days = (2 * c.rotation.everyHours) / 24;
      factory.create(`${c.segment}-${c.name}-rotation-overdue`, {
        key: `${c.name}-rotation-overdue`,
        segment: c.segment,
        // The age check publishes hourly (CredentialAgeCheck): the overdue alarm reads each hour.
        metric: credentialAgeMetric(secretName, Duration.hours(1)),
        threshold: days,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // Between checks the alarm keeps its state instead of flapping.
        treatMissingData: cloudwatch.TreatMissingData.IGNORE,
        text: ROTATION_OVERDUE_TEXT(secretName, Math.round(days * 100) / 100),
      });
    }

    this.detections = new AwsDetections(this, 'Detections', {
      alerts: props.alerts,
      segments: props.segments,
      foreignReadSegments: SEGMENT_NAMES.filter((s) => credentialSegments.has(s)),
    });
    this.foreignReadRules = this.detections.foreignReadRules;

    if (config.cloudTrailLogGroup) {
      new CisMetricFilters(this, 'Cis', {
        cloudTrailLogGroupName: config.cloudTrailLogGroup,
        alarms: factory,
      });
    }

    this.alarms = factory.alarms;
    this.dashboard = new LoginDashboard(this, 'Dashboard', {
      deploymentName: deployment,
      alarms: this.alarms,
      credentials: credentials.map((c) => `${deployment}/${c.segment}/${c.name}`),
    });
  }
}
