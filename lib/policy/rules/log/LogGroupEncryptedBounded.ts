import { NagMessageLevel } from 'cdk-nag';
import { defineRule, findings } from '../../rule';

/** Login events and handler logs are encrypted and expire. */
export default defineRule({
  id: 'BG-LOG-1',
  name: 'LogGroupEncryptedBounded',
  level: NagMessageLevel.ERROR,
  info: 'A log group is not encrypted with a customer-managed key or keeps its events forever.',
  explanation:
    'Login logs carry account ids, device ids and error text an attacker can use; they stay under the segment key and expire instead of piling up.',
  fix: 'Set KmsKeyId to the segment key and RetentionInDays to a bounded value (AccessSegment.createLogGroup does both).',
  resourceTypes: ['AWS::Logs::LogGroup'],
  evaluate(group) {
    const out: string[] = [];
    if (group.properties.KmsKeyId === undefined) out.push('NotEncrypted');
    if (group.properties.RetentionInDays === undefined) out.push('RetentionUnbounded');
    return findings(out);
  },
});
