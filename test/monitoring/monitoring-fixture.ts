import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { LoginMonitoring } from '../../lib/monitoring/login-monitoring';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { template, testStack } from '../helpers/stack';

/** A stack with the four segments, an alert channel and LoginMonitoring from `raw` config. */
export function monitoringStack(raw: Record<string, unknown> = {}) {
  const stack = testStack();
  const config = parseConfig({ alerts: { email: ['a@example.com'] }, ...raw });
  const segments = segmentsFromConfig(stack, config);
  const alerts = new AlertChannel(stack, 'Alerts', {
    segment: segments.approvals,
    subscriptions: config.alerts,
  });
  const monitoring = new LoginMonitoring(stack, 'Monitoring', {
    config: config.monitoring,
    segments,
    alerts,
    credentials: config.credentials,
  });
  return { stack, config, segments, alerts, monitoring, template: () => template(stack) };
}

export const IBEAM_SOURCE = {
  logGroupName: '/ibeam/paper',
  segment: 'automation',
  source: 'ibeam',
};

export const CREDENTIALS = [
  {
    name: 'ibkr-session',
    segment: 'automation',
    class: 'session-token',
    rotation: { type: 'ibkr-oauth', everyHours: 12 },
  },
  {
    name: 'ibkr-login',
    segment: 'automation',
    class: 'password',
    rotation: { type: 'manual', maxAgeDays: 90 },
  },
];

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
