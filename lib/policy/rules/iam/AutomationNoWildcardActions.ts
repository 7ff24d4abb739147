import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { templatePrincipals } from '../../access/principals';
import { isAutomationRole } from '../../model/roles';
import { defineRule, findings } from '../../rule';

/** The trading server's role names every action it may take. */
export default defineRule({
  id: 'BG-IAM-4',
  name: 'AutomationNoWildcardActions',
  level: NagMessageLevel.ERROR,
  info: 'A policy of the automation role allows a wildcard action (or uses NotAction).',
  explanation:
    "The server is the most exposed principal: a wildcard grants tomorrow's actions too, including ones that read other segments.",
  fix: 'Replace each wildcard with the exact actions the server calls.',
  resourceTypes: ['AWS::IAM::Role'],
  evaluate(role, model) {
    if (!isAutomationRole(role)) return NagRuleCompliance.NOT_APPLICABLE;
    const tp = templatePrincipals(model).find((p) => p.resource.id === role.id);
    const out: string[] = [];
    for (const s of tp?.statements ?? []) {
      if (s.effect !== 'Allow') continue;
      if (s.notActions) out.push('NotAction');
      for (const a of s.actions ?? []) if (a.includes('*')) out.push(`Action::${a}`);
    }
    return findings(out);
  },
});
