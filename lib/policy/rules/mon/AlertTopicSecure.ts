import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asList, referencedId } from '../../model/intrinsics';
import { conditionValues, readPolicyDocument } from '../../model/policy-document';
import { TemplateModel } from '../../model/template-model';
import { defineRule, findings } from '../../rule';

/** Topics that alarms notify. */
function alertTopicIds(model: TemplateModel): Set<string> {
  return model.memo('alertTopics', () => {
    const out = new Set<string>();
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
      for (const alarm of model.byType(type)) {
        for (const action of [
          ...asList(alarm.properties.AlarmActions),
          ...asList(alarm.properties.OKActions),
          ...asList(alarm.properties.InsufficientDataActions),
        ]) {
          const id = referencedId(action);
          if (id && model.get(id)?.type === 'AWS::SNS::Topic') out.add(id);
          else if (!id)
            model.noteUnresolved(
              `alarm action of ${alarm.id} (${model.flatten(action)}) is not a topic of this template`,
            );
        }
      }
    }
    return out;
  });
}

/** The alert topic is encrypted, refuses plain HTTP and reaches someone. */
export default defineRule({
  id: 'BG-MON-3',
  name: 'AlertTopicSecure',
  level: NagMessageLevel.ERROR,
  info: 'The alert topic is not KMS-encrypted, does not deny publishing without TLS, or has no subscription.',
  explanation:
    'Alerts name segments, devices and failures: they travel encrypted and over TLS, and a topic with no subscriber delivers every alarm to nobody.',
  fix: 'Set KmsMasterKeyId, add a TopicPolicy denying sns:Publish when aws:SecureTransport is false, and subscribe at least one endpoint (AlertChannel does all three).',
  resourceTypes: ['AWS::SNS::Topic'],
  evaluate(topic, model) {
    if (!alertTopicIds(model).has(topic.id)) return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    if (topic.properties.KmsMasterKeyId === undefined) out.push('NotEncrypted');
    const tls = model
      .byType('AWS::SNS::TopicPolicy')
      .filter((tp) => asList(tp.properties.Topics).some((t) => referencedId(t) === topic.id))
      .flatMap((tp) => readPolicyDocument(model, tp.properties.PolicyDocument))
      .some(
        (s) =>
          s.effect === 'Deny' &&
          (conditionValues(s, ['Bool'], 'aws:SecureTransport') ?? []).includes('false'),
      );
    if (!tls) out.push('TlsNotEnforced');
    const subscribed =
      asList(topic.properties.Subscription).length > 0 ||
      model
        .byType('AWS::SNS::Subscription')
        .some((s) => referencedId(s.properties.TopicArn) === topic.id);
    if (!subscribed) out.push('NoSubscription');
    return findings(out);
  },
});
