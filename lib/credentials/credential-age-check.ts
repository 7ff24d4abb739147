import { Duration, Lazy, Stack, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import {
  AlarmText,
  alarmName,
  CREDENTIAL_AGE_TEXT,
  formatAlert,
  MANUAL_MAX_AGE_MAX_DAYS,
  MANUAL_MAX_AGE_MIN_DAYS,
  ROTATION_OVERDUE_INTERVALS,
  ROTATION_OVERDUE_TEXT,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../contracts';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { SegmentSecret } from '../segments/segment-secret';
import { CREDENTIAL_AGE_METRIC, CREDENTIAL_DIMENSION, CREDENTIAL_NAMESPACE } from '../contracts';
import { HANDLER_RUNTIME, handlerCode } from '../handler-code';

export interface CredentialAgeCheckProps {
  /** The segment whose encrypted log group receives the check's logs (and its EMF metrics). */
  readonly logSegment: AccessSegment;
  /**
   * When the check runs. Hourly by default: a session token rotates every few hours, so its
   * rotation-overdue alarm must see its age within the hour; manual credentials' alarms read
   * the daily maximum of the same metric.
   * @default events.Schedule.rate(Duration.hours(1))
   */
  readonly schedule?: events.Schedule;
}

export interface WatchOptions {
  /** Short name used in the alarm name `<deployment>-<segment>-<key>-age`. */
  readonly key: string;
  /** The alarm fires past this age, in whole days. */
  readonly maxAge: Duration;
  /** The first step the alert names, e.g. how to put a new value. */
  readonly runbook: string;
  /**
   * Where the alarm reports: its action, and the runbook base of its text.
   * @default - no action; the text links docs/runbooks.md
   */
  readonly alerts?: AlertChannel;
}

export interface WatchRotationOptions {
  /** The secret's short name: the alarm is `<deployment>-<segment>-<key>-rotation-overdue`. */
  readonly key: string;
  /** The rotation interval: the alarm fires once the value is two intervals old. */
  readonly interval: Duration;
  /** @default - no action; the text links docs/runbooks.md */
  readonly alerts?: AlertChannel;
}

const SINGLETON_ID = 'BrokerGuardCredentialAgeCheck';

/** Whole days between 1 and 1000; checked before anything is built. */
export function checkMaxAge(what: string, maxAge: Duration): number {
  const days = maxAge.toDays({ integral: false });
  if (!Number.isInteger(days) || days < MANUAL_MAX_AGE_MIN_DAYS || days > MANUAL_MAX_AGE_MAX_DAYS) {
    throw new BrokerGuardError(
      'MAX_AGE',
      `${what}: maxAge must be whole days between ${MANUAL_MAX_AGE_MIN_DAYS} and ${MANUAL_MAX_AGE_MAX_DAYS}, got ${maxAge.toHumanString()}`,
    );
  }
  return days;
}

/**
 * One scheduled function for the whole deployment that publishes every watched credential's
 * age; each credential gets its own alarm on that metric. It reads secret metadata only.
 */
export class CredentialAgeCheck extends Construct {
  /** The stack's shared check, created on first use with `logSegment` for its logs. */
  public static of(scope: Construct, logSegment: AccessSegment): CredentialAgeCheck {
    const stack = Stack.of(scope);
    const found = stack.node.tryFindChild(SINGLETON_ID) as CredentialAgeCheck | undefined;
    return found ?? new CredentialAgeCheck(stack, SINGLETON_ID, { logSegment });
  }

  public readonly function: lambda.Function;
  private readonly names: string[] = [];
  private readonly readMetadata: iam.PolicyStatement;

  constructor(scope: Construct, id: string, props: CredentialAgeCheckProps) {
    super(scope, id);
    const logGroup = props.logSegment.createLogGroup('CredentialAgeCheckLogs', {
      purpose: 'credential-age',
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'brokerguard: reads credential metadata (never values) to publish their age',
    });
    this.readMetadata = new iam.PolicyStatement({
      sid: 'ReadCredentialMetadata',
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:ListSecretVersionIds'],
    });
    // Like every kit role, it carries the segment it belongs to: the one it logs to.
    Tags.of(role).add(TAG_SEGMENT, props.logSegment.segmentName);
    // A function of that segment, not the segment's role (whose rules, a boundary among them,
    // it need not meet): it never reads a value.
    Tags.of(role).add(TAG_ROLE_KIND, 'function');
    role.addToPolicy(this.readMetadata);
    this.node.addValidation({
      validate: () =>
        this.names.length
          ? []
          : ['CredentialAgeCheck watches no credential: remove it or call watch()'],
    });
    this.function = new lambda.Function(this, 'Function', {
      description:
        'brokerguard: publishes BrokerGuard/CredentialAgeDays for every watched credential',
      runtime: HANDLER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: handlerCode('credential-age-check'),
      handler: 'index.handler',
      role,
      timeout: Duration.minutes(1),
      memorySize: 256,
      logGroup,
      environment: { SECRET_IDS: Lazy.string({ produce: () => JSON.stringify(this.names) }) },
    });
    logGroup.grantWrite(role);
    new events.Rule(this, 'Schedule', {
      description: 'brokerguard: hourly credential age check',
      schedule: props.schedule ?? events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }

  /** The age metric of a credential (daily maximum). */
  public metricAge(secretName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: CREDENTIAL_NAMESPACE,
      metricName: CREDENTIAL_AGE_METRIC,
      dimensionsMap: { [CREDENTIAL_DIMENSION]: secretName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.days(1),
      ...props,
    });
  }

  /**
   * Publishes `secret`'s age (metric dimension `<deployment>/<segment>/<key>`) without an
   * alarm of its own: for a rotating secret, whose overdue alarm LoginMonitoring owns.
   * @returns the dimension value the metric is published under
   */
  public publish(secret: SegmentSecret, key: string): string {
    const name = secret.segment.resourceName(key);
    if (this.names.includes(name)) {
      throw new BrokerGuardError(
        'DUPLICATE_CREDENTIAL',
        `${name} is already watched by the credential age check`,
      );
    }
    this.names.push(name);
    this.readMetadata.addResources(secret.secretArn);
    return name;
  }

  /**
   * Publishes the age of a hand-kept `secret` and alarms in `scope` once it passes `maxAge`
   * (or once it is flagged compromised and not yet replaced).
   */
  public watch(scope: Construct, secret: SegmentSecret, options: WatchOptions): cloudwatch.Alarm {
    const days = checkMaxAge(secret.node.path, options.maxAge);
    const name = this.publish(secret, options.key);
    return this.ageAlarm(scope, 'AgeAlarm', secret, {
      key: `${options.key}-age`,
      metric: this.metricAge(name),
      thresholdDays: days,
      text: CREDENTIAL_AGE_TEXT(name, days, options.runbook),
      alerts: options.alerts,
    });
  }

  /**
   * Publishes the age of a rotating `secret` and alarms in `scope` once it missed a rotation:
   * older than two rotation intervals, read each hour.
   */
  public watchRotation(
    scope: Construct,
    secret: SegmentSecret,
    options: WatchRotationOptions,
  ): cloudwatch.Alarm {
    const name = this.publish(secret, options.key);
    const hours = ROTATION_OVERDUE_INTERVALS * options.interval.toHours({ integral: false });
    return this.ageAlarm(scope, 'RotationOverdueAlarm', secret, {
      key: `${options.key}-rotation-overdue`,
      // The check publishes hourly: the overdue alarm reads each hour.
      metric: this.metricAge(name, { period: Duration.hours(1) }),
      thresholdDays: Math.round((hours / 24) * 1000) / 1000,
      text: ROTATION_OVERDUE_TEXT(name, hours),
      alerts: options.alerts,
    });
  }

  /** The one way an age alarm is built: name, alert text, threshold, action. */
  private ageAlarm(
    scope: Construct,
    id: string,
    secret: SegmentSecret,
    spec: {
      key: string;
      metric: cloudwatch.IMetric;
      thresholdDays: number;
      text: AlarmText;
      alerts?: AlertChannel;
    },
  ): cloudwatch.Alarm {
    const segment = secret.segment;
    const message = { ...spec.text, segment: segment.segmentName };
    const alarm = new cloudwatch.Alarm(scope, id, {
      alarmName: alarmName(segment.deploymentName, spec.key, segment.segmentName),
      alarmDescription: spec.alerts
        ? spec.alerts.format(message)
        : formatAlert({ ...message, deployment: segment.deploymentName }),
      metric: spec.metric,
      threshold: spec.thresholdDays,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // Between checks the alarm keeps its state instead of flapping.
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    if (spec.alerts) alarm.addAlarmAction(spec.alerts.alarmAction);
    return alarm;
  }
}
