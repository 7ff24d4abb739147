import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import {
  CREDENTIAL_AGE_METRIC,
  CREDENTIAL_DIMENSION,
  CREDENTIAL_NAMESPACE,
} from '../../../contracts';
import { alarmMetrics, metricAlarms } from '../../model/alarms';
import { rotationSchedules } from '../../model/rotation';
import { defineRule } from '../../rule';

/** A password nobody rotates automatically is watched for age instead. */
export default defineRule({
  id: 'BG-ROT-2',
  name: 'PasswordAgeAlarm',
  level: NagMessageLevel.ERROR,
  info: 'A password secret has neither a rotation schedule nor an alarm on its age (BrokerGuard CredentialAgeDays, Credential = its name).',
  explanation:
    'Manual credentials are forgotten, not rotated: an age alarm turns "change it every 90 days" from a hope into a page.',
  fix: 'Add a rotation schedule, or an alarm on metric BrokerGuard/CredentialAgeDays with dimension Credential set to the secret name (ManualCredential does this).',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (secret.credentialClass !== 'password') return NagRuleCompliance.NOT_APPLICABLE;
    if (rotationSchedules(model).has(secret.id)) return NagRuleCompliance.COMPLIANT;
    const name = model.flatten(secret.properties.Name);
    if (name === undefined) {
      model.noteUnresolved(`Name of ${secret.id} (generated): its age alarm cannot be matched`);
    }
    const watched = metricAlarms(model).some((alarm) =>
      alarmMetrics(model, alarm).some(
        (m) =>
          m.namespace === CREDENTIAL_NAMESPACE &&
          m.metricName === CREDENTIAL_AGE_METRIC &&
          name !== undefined &&
          m.dimensions[CREDENTIAL_DIMENSION] === name,
      ),
    );
    return watched ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
