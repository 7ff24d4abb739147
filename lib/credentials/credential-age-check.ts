import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { SegmentSecret } from '../segments/segment-secret';
import {
  CREDENTIAL_AGE_DIMENSION,
  CREDENTIAL_AGE_METRIC_NAME,
  CREDENTIAL_AGE_NAMESPACE,
} from './credential-age';
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
  /** What the alert says beyond the age, e.g. the runbook. */
  readonly runbook: string;
  /** @default - no action (pass the alert channel's) */
  readonly alarmAction?: cloudwatch.IAlarmAction;
}

const SINGLETON_ID = 'BrokerGuardCredentialAgeCheck';

/** Whole days between 1 and 1000; checked before anything is built. */
export function checkMaxAge(what: string, maxAge: Duration): number {
  const days = maxAge.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1 || days > 1000) {
    throw new BrokerGuardError(
      'MAX_AGE',
      `${what}: maxAge must be whole days between 1 and 1000, got ${maxAge.toHumanString()}`,
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
      namespace: CREDENTIAL_AGE_NAMESPACE,
      metricName: CREDENTIAL_AGE_METRIC_NAME,
      dimensionsMap: { [CREDENTIAL_AGE_DIMENSION]: secretName },
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

  /** Publishes `secret`'s age and alarms in `scope` once it passes `maxAge`. */
  public watch(scope: Construct, secret: SegmentSecret, options: WatchOptions): cloudwatch.Alarm {
    const days = checkMaxAge(secret.node.path, options.maxAge);
    const segment = secret.segment;
    const name = this.publish(secret, options.key);
    const alarm = new cloudwatch.Alarm(scope, 'AgeAlarm', {
      alarmName: `${segment.deploymentName}-${segment.segmentName}-${options.key}-age`,
      alarmDescription: `brokerguard: credential ${name} was last changed more than ${days} days ago, or was flagged compromised and not yet replaced. ${options.runbook}`,
      metric: this.metricAge(name),
      threshold: days,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // The check runs once a day: between runs the alarm keeps its state instead of flapping.
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    if (options.alarmAction) alarm.addAlarmAction(options.alarmAction);
    return alarm;
  }
}
