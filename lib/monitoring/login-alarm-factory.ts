import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { AlarmText, alarmName, SegmentName } from '../contracts';

export interface LoginAlarmOptions {
  /** Alarm name suffix. */
  readonly key: string;
  /** @default - a deployment-wide alarm, named `<deployment>-<key>` */
  readonly segment?: SegmentName;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly text: AlarmText;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default NOT_BREACHING: no events is good news */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/**
 * The one place alarms are built: names (`<deployment>-<segment>-<key>`), the alert text as
 * AlarmDescription, and the action to the alert channel. Callers pass metric and threshold.
 */
export class LoginAlarmFactory {
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly alerts: AlertChannel,
  ) {}

  public create(id: string, options: LoginAlarmOptions): cloudwatch.Alarm {
    const deployment = this.alerts.deploymentName;
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      alarmName: alarmName(deployment, options.key, options.segment),
      alarmDescription: this.alerts.format({
        ...options.text,
        segment: options.segment ?? 'deployment',
      }),
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator:
        options.comparisonOperator ??
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.evaluationPeriods ?? 1,
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.alerts.alarmAction);
    this.alarms.push(alarm);
    return alarm;
  }
}
