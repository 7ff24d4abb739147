import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { LoginMonitoring } from '../../lib/monitoring/login-monitoring';
import { CredentialSet } from '../../lib/stacks/credential-set';
import { loginMonitoringProps } from '../../lib/stacks/monitoring-from-config';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { template, testStack } from '../helpers/stack';
import { DEFAULT_CREDENTIALS } from '../helpers/default-config';

/**
 * A stack with the four segments, an alert channel, the configured credentials and
 * LoginMonitoring, all from `raw` config the way BrokerGuardStack maps it.
 */
export function monitoringStack(raw: Record<string, unknown> = {}) {
  const stack = testStack();
  const config = parseConfig({ alerts: { email: ['a@example.com'] }, ...raw });
  const segments = segmentsFromConfig(stack, config);
  const alerts = new AlertChannel(stack, 'Alerts', {
    segment: segments.approvals,
    subscriptions: config.alerts,
  });
  const credentials = new CredentialSet(stack, 'Credentials', {
    segments,
    credentials: config.credentials,
    alerts,
  });
  const monitoring = new LoginMonitoring(
    stack,
    'Monitoring',
    loginMonitoringProps(stack, config.monitoring, segments, alerts, credentials.all),
  );
  return {
    stack,
    config,
    segments,
    alerts,
    credentials,
    monitoring,
    template: () => template(stack),
  };
}

export const IBEAM_SOURCE = {
  logGroupName: '/ibeam/paper',
  segment: 'automation',
  source: 'ibeam',
};

/** The embedded default configuration's credentials (cdk.json). */
export const CREDENTIALS = DEFAULT_CREDENTIALS;

/** Alarm resources by AlarmName. */
export function alarmsByName(t: { toJSON(): any }): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values<any>(t.toJSON().Resources)) {
    if (r.Type === 'AWS::CloudWatch::Alarm') out[r.Properties.AlarmName] = r.Properties;
  }
  return out;
}

/** Rule resources by Name. */
export function rulesByName(t: { toJSON(): any }): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values<any>(t.toJSON().Resources)) {
    if (r.Type === 'AWS::Events::Rule' && r.Properties.Name) out[r.Properties.Name] = r.Properties;
  }
  return out;
}
