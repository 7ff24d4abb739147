import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asList } from '../../model/intrinsics';
import { defineRule } from '../../rule';

/** An alarm nobody hears is a metric. */
export default defineRule({
  id: 'BG-MON-2',
  name: 'AlarmHasAction',
  level: NagMessageLevel.ERROR,
  info: 'An alarm has no alarm action, or its actions are disabled.',
  explanation:
    'The alert channel is out of band on purpose: an alarm without an action changes colour on a dashboard nobody watches at 3 a.m.',
  fix: 'Add the alert channel as an AlarmActions entry (AlertChannel.alarmAction) and leave ActionsEnabled on.',
  resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
  evaluate(alarm) {
    const enabled =
      alarm.properties.ActionsEnabled !== false && alarm.properties.ActionsEnabled !== 'false';
    return enabled && asList(alarm.properties.AlarmActions).length > 0
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
});
