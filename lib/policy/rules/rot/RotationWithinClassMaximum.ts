import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { ROTATION_MAXIMUM_HOURS } from '../../../contracts';
import { rotationIntervalHours, rotationSchedules } from '../../model/rotation';
import { defineRule, findings } from '../../rule';

/** Session tokens and API keys rotate at least as often as their class requires. */
export default defineRule({
  id: 'BG-ROT-1',
  name: 'RotationWithinClassMaximum',
  level: NagMessageLevel.ERROR,
  info: 'A session-token or api-key secret has no rotation schedule, or one longer than its class maximum (session-token 24 h, api-key 90 days).',
  explanation:
    'Treat tokens like cash: a token that outlives its class maximum is a standing balance a thief can spend; AwsSolutions-SMG4 accepts any interval, this rule does not.',
  fix: 'Add an AWS::SecretsManager::RotationSchedule with ScheduleExpression rate(N hours|days) within the class maximum (RotatingCredential does this).',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    const max = secret.credentialClass && ROTATION_MAXIMUM_HOURS[secret.credentialClass];
    if (!max) return NagRuleCompliance.NOT_APPLICABLE;
    const schedules = rotationSchedules(model).get(secret.id) ?? [];
    if (schedules.length === 0) return ['NoRotation'];
    const out: string[] = [];
    for (const rs of schedules) {
      const hours = rotationIntervalHours(model, rs);
      if (hours === undefined) out.push('UnreadableSchedule');
      else if (hours > max) out.push('IntervalTooLong');
    }
    return findings(out);
  },
});
