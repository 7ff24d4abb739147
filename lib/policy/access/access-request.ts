import { SegmentName } from '../../contracts';
import { ModelResource } from '../model/template-model';
import {
  ConditionFact,
  iamArnMatches,
  RequestFacts,
  resourceArnFact,
  valueFact,
} from './request-conditions';

/** A row of the matrix: who. Template principals carry their resource; others a label. */
export interface AccessPrincipal {
  readonly id: string;
  readonly label: string;
  readonly resource?: ModelResource;
  readonly segment?: SegmentName;
  /** A service principal: it acts for callers, so it never counts as a reader. */
  readonly service: boolean;
}

/** The version id Secrets Manager uses only to prove key access when a secret is created. */
export const KEY_ACCESS_PROBE = 'RequestToValidateKeyAccess';

/** One request a matrix cell stands for. */
export interface AccessRequest {
  readonly principal: AccessPrincipal;
  /** A `kms:` action: the encryption-context and ViaService keys exist. */
  readonly kms: boolean;
  /** The calling service for a decrypt through Secrets Manager; absent for a direct call. */
  readonly viaService?: string;
  /**
   * The secret whose ciphertext is decrypted (its `SecretARN` is in the encryption context);
   * absent for a key's data at large, whose context only the request knows.
   */
  readonly secret?: ModelResource;
  /** Whether a literal ARN pattern names `secret` (undefined: cannot tell offline). */
  readonly secretMatches?: (pattern: string) => boolean | undefined;
  /** Tags of the resource acted on: the key for `kms:` actions, the secret otherwise. */
  readonly resourceTags: Readonly<Record<string, string>>;
}

const ACCOUNT = '${AWS::AccountId}';

/** What the template determines of the request's condition keys (see request-conditions). */
export function requestFacts(r: AccessRequest): RequestFacts {
  const p = r.principal;
  const res = p.resource;
  const kind = res?.type === 'AWS::IAM::User' ? 'user' : 'role';
  const name = res && (res.properties.RoleName ?? res.properties.UserName);
  const external = !res && !p.service ? p.label.replace(/^AWS:/, '') : undefined;
  const tag = (tags: Readonly<Record<string, string>>, k: string): ConditionFact =>
    tags[k] === undefined ? null : valueFact(tags[k]);
  return {
    fact(key: string): ConditionFact | undefined {
      if (key === 'aws:principalarn') {
        if (res) {
          return resourceArnFact(res.id, (pat, like) =>
            iamArnMatches(pat, kind, typeof name === 'string' ? name : undefined, like),
          );
        }
        return external !== undefined ? valueFact(external) : undefined;
      }
      if (key.startsWith('aws:principaltag/')) {
        const k = key.slice('aws:principaltag/'.length);
        if (res) return tag(lowerKeys(res.tags), k);
        return p.service ? null : undefined;
      }
      if (key === 'aws:principalaccount' || key === 'kms:calleraccount') {
        return res ? valueFact(ACCOUNT) : undefined;
      }
      if (key === 'aws:principalisawsservice') return valueFact(p.service ? 'true' : 'false');
      if (key === 'aws:principalservicename') {
        return p.service ? valueFact(p.label.replace(/^Service:/, '')) : null;
      }
      if (key === 'aws:principaltype') {
        return res ? valueFact(kind === 'user' ? 'User' : 'AssumedRole') : undefined;
      }
      if (key === 'kms:viaservice') {
        return r.kms && r.viaService ? valueFact(r.viaService) : null;
      }
      if (key.startsWith('kms:encryptioncontext:')) {
        if (!r.kms) return null;
        if (!r.secret) return undefined;
        const k = key.slice('kms:encryptioncontext:'.length);
        if (k === 'secretarn') {
          return resourceArnFact(r.secret.id, (pat) => r.secretMatches?.(pat));
        }
        // A read decrypts a real version (a UUID), never the creation-time probe.
        if (k === 'secretversionid') return (pat) => (pat === KEY_ACCESS_PROBE ? false : undefined);
        return null;
      }
      if (key.startsWith('aws:resourcetag/') || key.startsWith('secretsmanager:resourcetag/')) {
        return tag(lowerKeys(r.resourceTags), key.slice(key.indexOf('/') + 1));
      }
      return undefined;
    },
  };
}

/** Tag keys compare case-insensitively in condition keys. */
function lowerKeys(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
}
