import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import {
  CORE_LOGIN_ALARMS,
  EVENT_DIMENSION,
  LOGIN_EVENTS_METRIC,
  LOGIN_NAMESPACE,
  SEGMENT_DIMENSION,
} from '../../../contracts';
import { alarmMetrics, metricAlarms } from '../../model/alarms';
import { ModelResource, TemplateModel } from '../../model/template-model';
import { defineRule, findings } from '../../rule';

/** Which of the login-anomaly alarm keys a segment's alarms cover. */
function coveredKeys(model: TemplateModel, segment: string): Set<string> {
  return model.memo(`loginAlarms:${segment}`, () => {
    const covered = new Set<string>();
    for (const alarm of metricAlarms(model)) {
      const name = model.flatten(alarm.properties.AlarmName) ?? '';
      const metrics = alarmMetrics(model, alarm).filter(
        (m) =>
          m.namespace === LOGIN_NAMESPACE &&
          m.metricName === LOGIN_EVENTS_METRIC &&
          m.dimensions[SEGMENT_DIMENSION] === segment,
      );
      for (const kind of CORE_LOGIN_ALARMS) {
        // By the naming convention, or by watching one of the events the kit's alarm watches.
        const byName = name.endsWith(`-${segment}-${kind.key}`);
        const byMetric = metrics.some((m) =>
          (kind.events as readonly string[]).includes(m.dimensions[EVENT_DIMENSION] ?? ''),
        );
        if (byName || byMetric) covered.add(kind.key);
      }
    }
    return covered;
  });
}

/** The first secret of a segment in template order: where a per-segment finding is reported. */
function firstSecretOf(model: TemplateModel, segment: string): ModelResource | undefined {
  return model.byType('AWS::SecretsManager::Secret').find((s) => s.segment === segment);
}

/** Every segment that holds credentials watches its logins. */
export default defineRule({
  id: 'BG-MON-1',
  name: 'LoginAnomalyAlarms',
  level: NagMessageLevel.ERROR,
  info: 'A segment that holds credentials lacks a login-anomaly alarm (failed-login burst, second factor, new device, entitlement change, competing session); reported on its first secret.',
  explanation:
    'Failed logins, new devices and entitlement changes are the first signs of account takeover; without an alarm they are only log lines nobody reads.',
  fix: 'Add alarms named <deployment>-<segment>-<key> on BrokerGuard/Login LoginEvents for the segment (LoginMonitoring does this).',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (!secret.segment || firstSecretOf(model, secret.segment) !== secret)
      return NagRuleCompliance.NOT_APPLICABLE;
    const covered = coveredKeys(model, secret.segment);
    return findings(
      CORE_LOGIN_ALARMS.filter((k) => !covered.has(k.key)).map((k) => `Missing::${k.key}`),
    );
  },
});
