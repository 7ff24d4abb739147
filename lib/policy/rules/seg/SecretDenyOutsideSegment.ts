import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { TAG_SEGMENT } from '../../../contracts';
import { referencedId, tokenIds } from '../../model/intrinsics';
import { conditionValues, coversAction, readPolicyDocument } from '../../model/policy-document';
import { AccessAnalysis } from '../../access/access-analysis';
import { defineRule, findings } from '../../rule';

const NEGATED = ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike'];

/** Every segment secret denies reads from outside the segment in its own resource policy. */
export default defineRule({
  id: 'BG-SEG-3',
  name: 'SecretDenyOutsideSegment',
  level: NagMessageLevel.ERROR,
  info: 'The segment secret lacks a resource policy that denies GetSecretValue outside the segment with BlockPublicPolicy on.',
  explanation:
    'Identity grants can be added anywhere in the account; a deny on the secret itself keeps the segment closed whatever a later policy says.',
  fix: 'Attach an AWS::SecretsManager::ResourcePolicy with BlockPublicPolicy true and a Deny of secretsmanager:GetSecretValue to Principal * unless aws:PrincipalArn is a segment principal (SegmentSecret does this).',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret, model) {
    if (!secret.segment) return NagRuleCompliance.NOT_APPLICABLE;
    const policies = model
      .byType('AWS::SecretsManager::ResourcePolicy')
      .filter((rp) => referencedId(rp.properties.SecretId) === secret.id);
    if (policies.length === 0) return ['NoResourcePolicy'];
    const out: string[] = [];
    const block = policies.some(
      (rp) =>
        rp.properties.BlockPublicPolicy === true || rp.properties.BlockPublicPolicy === 'true',
    );
    if (!block) out.push('BlockPublicPolicyOff');
    const rotation = AccessAnalysis.of(model).rotationRolesOf(secret);
    let denies = false;
    for (const s of policies.flatMap((rp) =>
      readPolicyDocument(model, rp.properties.ResourcePolicy),
    )) {
      const toAnyone = (s.principals ?? []).some((p) => p.kind === 'Any');
      if (s.effect !== 'Deny' || !toAnyone || !coversAction(s, 'secretsmanager:GetSecretValue'))
        continue;
      const arns = conditionValues(s, NEGATED, 'aws:PrincipalArn');
      const tag = conditionValues(s, NEGATED, `aws:PrincipalTag/${TAG_SEGMENT}`);
      if (tag && tag.length === 1 && tag[0] === secret.segment) denies = true;
      if (!arns) continue;
      denies = true;
      for (const id of arns.flatMap(tokenIds)) {
        const p = model.get(id);
        if (p && p.segment !== secret.segment && !rotation.has(id))
          out.push(`ExemptsOutsider::${id}`);
      }
    }
    if (!denies) out.push('NoDenyOutsideSegment');
    return findings(out);
  },
});
