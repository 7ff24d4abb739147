import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SegmentName } from '../contracts';
import {
  CLASSIFIER_FAILURES_METRIC,
  CREDENTIAL_AGE_METRIC,
  CREDENTIAL_DIMENSION,
  CREDENTIAL_NAMESPACE,
  DEPLOYMENT_DIMENSION,
  EVENT_DIMENSION,
  LOGIN_EVENTS_METRIC,
  LOGIN_NAMESPACE,
  SEGMENT_DIMENSION,
  TRADING_HOURS_METRIC,
} from '../contracts';
import { LoginEventName } from '../contracts/login-event';

/**
 * The count of one login event in one segment (dimension set [Segment, Event]). No label: a
 * labelled metric renders as a metric query, and policy rules read the plain alarm fields.
 */
export function loginEventMetric(
  segment: SegmentName,
  event: LoginEventName,
  period: Duration = Duration.minutes(1),
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: LOGIN_NAMESPACE,
    metricName: LOGIN_EVENTS_METRIC,
    dimensionsMap: { [SEGMENT_DIMENSION]: segment, [EVENT_DIMENSION]: event },
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}

/**
 * The summed count of some login events: the plain metric for one event, a math expression
 * (missing data read as zero) for several.
 */
export function loginEventsSum(
  segment: SegmentName,
  events: readonly LoginEventName[],
  period: Duration,
): cloudwatch.IMetric {
  if (events.length === 1) return loginEventMetric(segment, events[0], period);
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  events.forEach((e, i) => (usingMetrics[`m${i}`] = loginEventMetric(segment, e, period)));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    period,
    label: `${segment} ${events.join(' + ')}`,
  });
}

/**
 * 1 when a session expired in the window and no login succeeded and no healthy session was
 * seen in the same window.
 */
export function sessionExpiredWithoutReloginMetric(
  segment: SegmentName,
  window: Duration,
): cloudwatch.IMetric {
  return new cloudwatch.MathExpression({
    expression: 'IF(FILL(expired, 0) > 0 AND FILL(relogin, 0) + FILL(healthy, 0) == 0, 1, 0)',
    usingMetrics: {
      expired: loginEventMetric(segment, 'session_expired', window),
      relogin: loginEventMetric(segment, 'login_succeeded', window),
      healthy: loginEventMetric(segment, 'session_healthy', window),
    },
    period: window,
    label: `${segment} expired without re-login`,
  });
}

/** A per-deployment counter the classifier publishes (dimension set [Deployment]), summed. */
function deploymentSum(metricName: string, deployment: string, period: Duration) {
  return new cloudwatch.Metric({
    namespace: LOGIN_NAMESPACE,
    metricName,
    dimensionsMap: { [DEPLOYMENT_DIMENSION]: deployment },
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}

/** The classifier's trading-hours clock: its sum is > 0 for any window inside trading hours. */
export function tradingHoursMetric(deployment: string, period: Duration): cloudwatch.Metric {
  return deploymentSum(TRADING_HOURS_METRIC, deployment, period);
}

/** 1 when the window lies in trading hours and held no healthy session and no login. */
export function heartbeatMissingMetric(
  deployment: string,
  segment: SegmentName,
  window: Duration,
): cloudwatch.IMetric {
  return new cloudwatch.MathExpression({
    expression: 'IF(FILL(tick, 0) > 0 AND FILL(healthy, 0) + FILL(login, 0) == 0, 1, 0)',
    usingMetrics: {
      tick: tradingHoursMetric(deployment, window),
      healthy: loginEventMetric(segment, 'session_healthy', window),
      login: loginEventMetric(segment, 'login_succeeded', window),
    },
    period: window,
    label: `${segment} heartbeat missing in trading hours`,
  });
}

/** Days since a credential last changed (`<deployment>/<segment>/<name>`). */
export function credentialAgeMetric(
  credential: string,
  period: Duration = Duration.hours(1),
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: CREDENTIAL_NAMESPACE,
    metricName: CREDENTIAL_AGE_METRIC,
    dimensionsMap: { [CREDENTIAL_DIMENSION]: credential },
    statistic: cloudwatch.Stats.MAXIMUM,
    period,
  });
}

/** Failures the classifier survived (device registry writes), per deployment. */
export function classifierFailuresMetric(deployment: string, period: Duration): cloudwatch.Metric {
  return deploymentSum(CLASSIFIER_FAILURES_METRIC, deployment, period);
}
