import { NagMessageLevel } from 'cdk-nag';
import { TAG_CREDENTIAL_CLASS, TAG_SEGMENT } from '../../../contracts';
import { defineRule, findings } from '../../rule';

/** Every secret says which segment owns it and what it holds, so the other rules can judge it. */
export default defineRule({
  id: 'BG-SEG-4',
  name: 'SecretSegmentTags',
  level: NagMessageLevel.WARN,
  info: 'The secret lacks a valid brokerguard:segment or brokerguard:credential-class tag, so segment rules cannot judge it.',
  explanation:
    'An untagged secret falls outside every segment check: nobody can tell who may read it or how often it must rotate.',
  fix: 'Tag the secret with brokerguard:segment (automation, execution, approvals, admin) and brokerguard:credential-class (session-token, api-key, password, second-factor).',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  evaluate(secret) {
    const out: string[] = [];
    if (!secret.segment) out.push(TAG_SEGMENT in secret.tags ? 'UnknownSegment' : 'NoSegment');
    if (!secret.credentialClass) {
      out.push(
        TAG_CREDENTIAL_CLASS in secret.tags ? 'UnknownCredentialClass' : 'NoCredentialClass',
      );
    }
    return findings(out);
  },
});
