import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { LOGIN_EVENTS_METRIC, LOGIN_NAMESPACE } from '../contracts';
import { LOGIN_CATEGORIES } from '../contracts/login-event';
import { credentialAgeMetric } from './login-metrics';
import { dashboardName } from '../contracts/names';

export interface LoginDashboardProps {
  readonly deploymentName: string;
  readonly alarms: cloudwatch.IAlarm[];
  /** Secret names (`<deployment>/<segment>/<name>`) whose age to show. */
  readonly credentials: string[];
}

/** One dashboard per deployment: login events by category and segment, alarms, credential age. */
export class LoginDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: LoginDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: dashboardName(props.deploymentName),
      defaultInterval: Duration.hours(24),
    });
    // SEARCH finds every segment and event as they appear, so the dashboard needs no edit
    // when a segment starts logging.
    this.dashboard.addWidgets(
      ...LOGIN_CATEGORIES.map(
        (category) =>
          new cloudwatch.GraphWidget({
            title: `Login events: ${category} (by segment and event)`,
            width: 8,
            left: [
              new cloudwatch.MathExpression({
                expression: `SEARCH('{${LOGIN_NAMESPACE},Segment,Event,Category} MetricName="${LOGIN_EVENTS_METRIC}" Category="${category}"', 'Sum', 300)`,
                usingMetrics: {},
                period: Duration.minutes(5),
                label: '',
              }),
            ],
          }),
      ),
    );
    // An alarm status widget holds at most 100 alarms.
    for (let i = 0; i < props.alarms.length; i += 100) {
      this.dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({
          title: i === 0 ? 'Alarm states' : `Alarm states (${i + 1}-)`,
          width: 24,
          alarms: props.alarms.slice(i, i + 100),
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        }),
      );
    }
    if (props.credentials.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.SingleValueWidget({
          title: 'Days since each credential last changed',
          width: 24,
          metrics: props.credentials.map((c) => credentialAgeMetric(c)),
          setPeriodToTimeRange: false,
        }),
      );
    }
  }
}
