import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { templatePrincipals } from '../../access/principals';
import { coversAction } from '../../model/policy-document';
import { defineRule, findings } from '../../rule';

/** No automation principal can change IAM or assume any role it likes. */
export default defineRule({
  id: 'BG-IAM-5',
  name: 'AutomationNoPrivilegeEscalation',
  level: NagMessageLevel.ERROR,
  info: 'An automation-segment role may use iam:* or sts:AssumeRole on every resource.',
  explanation:
    'iam:* or AssumeRole on * lets a compromised server grant itself, or step into, any other segment: segmentation would end at the first breach.',
  fix: 'Remove iam:* and name the exact role ARNs sts:AssumeRole may target.',
  resourceTypes: ['AWS::IAM::Role'],
  evaluate(role, model) {
    if (role.segment !== 'automation') return NagRuleCompliance.NOT_APPLICABLE;
    const tp = templatePrincipals(model).find((p) => p.resource.id === role.id);
    const out: string[] = [];
    for (const s of tp?.statements ?? []) {
      if (s.effect !== 'Allow') continue;
      if (coversAction(s, 'iam:*')) out.push('Action::iam:*');
      const onAll = (s.resources ?? []).includes('*') || !!s.notResources;
      if (onAll && coversAction(s, 'sts:AssumeRole')) out.push('AssumeRoleOnAnyResource');
    }
    return findings(out);
  },
});
