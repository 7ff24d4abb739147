import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { MFA_MAX_AGE_LIMIT_SECONDS } from '../../../contracts';
import { conditionValues } from '../../model/policy-document';
import { isHumanRole, trustStatementsForIamPrincipals } from '../../model/roles';
import { defineRule, findings } from '../../rule';

/** People assume human-segment roles only with a recent MFA sign-in. */
export default defineRule({
  id: 'BG-IAM-1',
  name: 'HumanRoleRequiresMfa',
  level: NagMessageLevel.ERROR,
  info: 'A human-segment role can be assumed without aws:MultiFactorAuthPresent true or without a bounded aws:MultiFactorAuthAge.',
  explanation:
    'The people who pause automation, approve logins or break glass must prove presence; an unbounded MFA age lets a day-old session act as fresh proof.',
  fix: 'Add Condition Bool aws:MultiFactorAuthPresent "true" and NumericLessThanEquals aws:MultiFactorAuthAge (at most 43200 s) to every trust statement for IAM principals.',
  resourceTypes: ['AWS::IAM::Role'],
  evaluate(role, model) {
    if (!isHumanRole(role)) return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    for (const s of trustStatementsForIamPrincipals(model, role)) {
      // BoolIfExists passes when the key is absent (long-term keys): only Bool proves MFA.
      const present = conditionValues(s, ['Bool'], 'aws:MultiFactorAuthPresent');
      const ok =
        present?.length === 1 && present[0] === 'true' && !('BoolIfExists' in s.conditions);
      if (!ok) out.push('MfaNotRequired');
      const age = conditionValues(
        s,
        ['NumericLessThan', 'NumericLessThanEquals'],
        'aws:MultiFactorAuthAge',
      );
      const seconds = age?.length === 1 ? Number(age[0]) : NaN;
      if (!(seconds > 0 && seconds <= MFA_MAX_AGE_LIMIT_SECONDS)) out.push('MfaAgeUnbounded');
    }
    return findings(out);
  },
});
