import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../../rule';

/** A segment's function logs to a log group the template controls. */
export default defineRule({
  id: 'BG-LOG-2',
  name: 'SegmentFunctionLogGroup',
  level: NagMessageLevel.ERROR,
  info: "A segment's Lambda function has no log group of this template (LoggingConfig.LogGroup or /aws/lambda/<name>).",
  explanation:
    'Without one, Lambda creates /aws/lambda/<name> on first run: unencrypted, kept forever, outside every rule of this pack.',
  fix: 'Set LoggingConfig.LogGroup to a log group from AccessSegment.createLogGroup.',
  resourceTypes: ['AWS::Lambda::Function'],
  evaluate(fn, model) {
    if (!fn.segment) return NagRuleCompliance.NOT_APPLICABLE;
    const logging = (fn.properties.LoggingConfig ?? {}) as Record<string, unknown>;
    const target = model.target(logging.LogGroup);
    if (target?.type === 'AWS::Logs::LogGroup') return NagRuleCompliance.COMPLIANT;
    const explicit = model.flatten(logging.LogGroup);
    const name = model.flatten(fn.properties.FunctionName);
    const expected = new Set([
      `/aws/lambda/\${Ref:${fn.id}}`,
      ...(name ? [`/aws/lambda/${name}`] : []),
    ]);
    const owned = model.byType('AWS::Logs::LogGroup').some((g) => {
      const groupName = model.flatten(g.properties.LogGroupName);
      return groupName !== undefined && (groupName === explicit || expected.has(groupName));
    });
    return owned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
