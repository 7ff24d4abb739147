import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import type { MonitoringConfig } from '../config/monitoring-section';
import type { ISegmentCredential } from '../credentials/segment-credential';
import { DeviceIdentity, LoginLogFormat, LoginLogSource } from '../monitoring/login-log-source';
import { LoginMonitoringProps } from '../monitoring/login-monitoring';
import { SegmentSet } from '../segments/segment-set';

/** The purpose of the automation segment's login log group: `/brokerguard/<d>/automation/login`. */
export const AUTOMATION_LOGIN_LOG_PURPOSE = 'login';

/**
 * The `monitoring` config section as LoginMonitoring props. The automation segment always gets
 * its own login log group (encrypted, bounded retention) that the classifier reads, so every
 * login alarm of the default deployment has a metric source: a gateway on AWS logs there
 * (awslogs driver), one outside AWS ships there (CloudWatch agent), and a bot writes
 * `brokerguard.login/1` lines there.
 */
export function loginMonitoringProps(
  scope: Construct,
  config: MonitoringConfig,
  segments: SegmentSet,
  alerts: AlertChannel,
  credentials: ISegmentCredential[],
): LoginMonitoringProps {
  const automationLog = segments.automation.createLogGroup('LoginLog', {
    purpose: AUTOMATION_LOGIN_LOG_PURPOSE,
  });
  const configured: LoginLogSource[] = config.logSources.map((s, i) => ({
    logGroup: logs.LogGroup.fromLogGroupName(scope, `LogSource${i}`, s.logGroupName),
    segment: segments[s.segment],
    format: s.source as LoginLogFormat,
    deviceIdentity: s.deviceIdFrom as DeviceIdentity,
  }));
  return {
    alerts,
    owner: segments.approvals,
    credentials,
    logSources: [
      { logGroup: automationLog, segment: segments.automation, format: LoginLogFormat.GATEWAY },
      ...configured,
    ],
    thresholds: config.thresholds,
    reloginGrace: Duration.minutes(config.reloginGraceMinutes),
    heartbeatWindow: Duration.minutes(config.heartbeatMinutes),
    dashboard: config.dashboard,
    tradingHours: { ...config.tradingHours, days: [...config.tradingHours.days] },
    loginWindows: config.loginWindows,
    cloudTrailLogGroup: config.cloudTrailLogGroup
      ? logs.LogGroup.fromLogGroupName(scope, 'CloudTrailLogs', config.cloudTrailLogGroup)
      : undefined,
  };
}
