import {
  CATEGORY_DIMENSION,
  CLASSIFIER_FAILURES_METRIC,
  DEPLOYMENT_DIMENSION,
  EVENT_DIMENSION,
  LOGIN_EVENTS_METRIC,
  LOGIN_NAMESPACE,
  SEGMENT_DIMENSION,
  TRADING_HOURS_METRIC,
} from '../contracts';
import { LoginEvent } from '../contracts/login-event';

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
            [SEGMENT_DIMENSION, EVENT_DIMENSION, CATEGORY_DIMENSION],
            [SEGMENT_DIMENSION, EVENT_DIMENSION],
          ],
          Metrics: [{ Name: LOGIN_EVENTS_METRIC, Unit: 'Count' }],
        },
      ],
    },
    [SEGMENT_DIMENSION]: event.segment,
    [EVENT_DIMENSION]: event.event,
    [CATEGORY_DIMENSION]: event.category,
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
          Dimensions: [[DEPLOYMENT_DIMENSION]],
          Metrics: [{ Name: metric, Unit: 'Count' }],
        },
      ],
    },
    [DEPLOYMENT_DIMENSION]: deployment,
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
