import { LoginEvent } from './login-event';

/** CloudWatch namespace of every login metric. */
export const LOGIN_NAMESPACE = 'BrokerGuard/Login';
/** The count of login events, dimensions Segment, Event, Category. */
export const LOGIN_EVENTS_METRIC = 'LoginEvents';
/** 1 for each minute the classifier's clock found inside trading hours; dimension Deployment. */
export const TRADING_HOURS_METRIC = 'TradingHoursTick';
/** Failures the classifier survives (a device registry write); dimension Deployment. */
export const CLASSIFIER_FAILURES_METRIC = 'ClassifierFailures';

/**
 * A login event as an Embedded Metric Format line: CloudWatch turns it into the
 * `LoginEvents` metric with no PutMetricData call, and the same line, read back, is still a
 * `brokerguard.login/1` event (its fields sit at the root beside the metric).
 */
export function loginEventEmf(event: LoginEvent): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: Date.parse(event.time),
      CloudWatchMetrics: [
        {
          Namespace: LOGIN_NAMESPACE,
          Dimensions: [
            ['Segment', 'Event', 'Category'],
            ['Segment', 'Event'],
          ],
          Metrics: [{ Name: LOGIN_EVENTS_METRIC, Unit: 'Count' }],
        },
      ],
    },
    Segment: event.segment,
    Event: event.event,
    Category: event.category,
    [LOGIN_EVENTS_METRIC]: 1,
    ...event,
  };
}

/** A count of 1 of a deployment-wide metric, as an EMF line. */
function deploymentCountEmf(
  metric: string,
  deployment: string,
  time: Date,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: time.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: LOGIN_NAMESPACE,
          Dimensions: [['Deployment']],
          Metrics: [{ Name: metric, Unit: 'Count' }],
        },
      ],
    },
    Deployment: deployment,
    [metric]: 1,
  };
}

/** The trading-hours clock tick as an EMF line. */
export function tradingHoursTickEmf(deployment: string, time: Date): Record<string, unknown> {
  return deploymentCountEmf(TRADING_HOURS_METRIC, deployment, time);
}

/** One survived classifier failure as an EMF line. */
export function classifierFailureEmf(deployment: string, time: Date): Record<string, unknown> {
  return deploymentCountEmf(CLASSIFIER_FAILURES_METRIC, deployment, time);
}
