import { SegmentName } from '../../contracts';
import { globMatch, referencedId, splitArn, tokenIds } from '../model/intrinsics';
import {
  PolicyPrincipal,
  PolicyStatement,
  coversAction,
  coversResource,
  readPolicyDocument,
} from '../model/policy-document';
import { ModelResource, TemplateModel } from '../model/template-model';
import { isAwsManagedSecretsKey, keyOf } from '../model/keys';
import { rotationRoleIds } from '../model/rotation';
import { SecretContext, denyApplies } from './deny-conditions';
import { isBoundToOtherData, isViaService } from './key-grant-scope';
import {
  TemplatePrincipal,
  externalLabel,
  isAccountRoot,
  principalNames,
  templatePrincipals,
} from './principals';

/** What the matrix reports for each principal and secret (or key). */
export const PERMISSIONS = ['read', 'write', 'rotate', 'decrypt'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SECRET_ACTIONS: Record<Exclude<Permission, 'decrypt'>, readonly string[]> = {
  read: ['secretsmanager:GetSecretValue'],
  write: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret'],
  rotate: ['secretsmanager:RotateSecret'],
};
const DECRYPT = 'kms:Decrypt';

/** A row of the matrix: who. Template principals carry their resource; others a label. */
export interface AccessPrincipal {
  readonly id: string;
  readonly label: string;
  readonly resource?: ModelResource;
  readonly segment?: SegmentName;
  /** A service principal: it acts for callers, so it never counts as a reader. */
  readonly service: boolean;
}

/** One cell group: what one principal may do to one secret or key. */
export interface AccessEntry {
  readonly principal: AccessPrincipal;
  readonly target: ModelResource;
  readonly permissions: readonly Permission[];
}

interface SecretInfo {
  readonly secret: ModelResource;
  readonly key?: ModelResource;
  /** True when the secret uses the AWS managed key: GetSecretValue implies decrypt. */
  readonly awsManagedKey: boolean;
  readonly resourcePolicy: readonly PolicyStatement[];
  readonly rotationRoles: ReadonlySet<string>;
}

/**
 * Who can do what to each secret and key, from identity policies (with permissions
 * boundaries), secret resource policies and key policies. Both the SEG rules and
 * `brokerguard access` read this one analysis, so the matrix and the checks never disagree.
 */
export class AccessAnalysis {
  /** The analysis of a model, computed once and shared by every rule and the matrix. */
  public static of(model: TemplateModel): AccessAnalysis {
    return model.memo('access', () => new AccessAnalysis(model));
  }

  public readonly principals: readonly AccessPrincipal[];
  public readonly secrets: readonly ModelResource[];
  public readonly keys: readonly ModelResource[];
  private readonly templatePrincipals: ReadonlyMap<string, TemplatePrincipal>;
  private readonly secretInfo = new Map<string, SecretInfo>();
  private readonly keyPolicies = new Map<string, readonly PolicyStatement[]>();
  private readonly cache = new Map<string, readonly Permission[]>();

  private constructor(model: TemplateModel) {
    this.secrets = model.byType('AWS::SecretsManager::Secret');
    this.keys = model.byType('AWS::KMS::Key');
    const tps = templatePrincipals(model);
    this.templatePrincipals = new Map(tps.map((tp) => [tp.resource.id, tp]));
    for (const key of this.keys) {
      this.keyPolicies.set(key.id, readPolicyDocument(model, key.properties.KeyPolicy));
    }
    const resourcePolicies = new Map<string, PolicyStatement[]>();
    for (const rp of model.byType('AWS::SecretsManager::ResourcePolicy')) {
      const id = referencedId(rp.properties.SecretId);
      if (!id) continue;
      const list = resourcePolicies.get(id) ?? [];
      list.push(...readPolicyDocument(model, rp.properties.ResourcePolicy));
      resourcePolicies.set(id, list);
    }
    for (const secret of this.secrets) {
      const key = keyOf(model, secret.properties.KmsKeyId);
      const awsManagedKey = isAwsManagedSecretsKey(model, secret.properties.KmsKeyId);
      // A `${?}` value was already noted where it could not be resolved.
      if (!key && !awsManagedKey && !model.flatten(secret.properties.KmsKeyId)?.includes('${?}')) {
        const value = model.flatten(secret.properties.KmsKeyId);
        model.noteUnresolved(`KmsKeyId of ${secret.id} (${value}) is not a key of this template`);
      }
      this.secretInfo.set(secret.id, {
        secret,
        key,
        awsManagedKey,
        resourcePolicy: resourcePolicies.get(secret.id) ?? [],
        rotationRoles: rotationRoleIds(model, secret),
      });
    }
    const external = new Map<string, AccessPrincipal>();
    const policies = [...this.keyPolicies.values(), ...resourcePolicies.values()];
    for (const s of policies.flat()) {
      if (s.effect !== 'Allow') continue;
      for (const p of s.principals ?? []) {
        // The account root delegates to IAM policies: the roles it delegates to are the rows.
        if (isAccountRoot(p) || tps.some((tp) => p.kind === 'AWS' && principalNames(p, tp)))
          continue;
        const label = externalLabel(p);
        external.set(label, { id: label, label, service: p.kind === 'Service' });
      }
    }
    this.principals = [
      ...tps.map((tp) => ({
        id: tp.resource.id,
        label: tp.resource.id,
        resource: tp.resource,
        segment: tp.resource.segment,
        service: false,
      })),
      ...[...external.values()].sort((a, b) => a.label.localeCompare(b.label)),
    ];
  }

  /** The secret's customer-managed key, when it is in the template. */
  public keyOf(secret: ModelResource): ModelResource | undefined {
    return this.secretInfo.get(secret.id)?.key;
  }

  /** Role ids of the functions that rotate the secret. */
  public rotationRolesOf(secret: ModelResource): ReadonlySet<string> {
    return this.secretInfo.get(secret.id)?.rotationRoles ?? new Set();
  }

  /** What a principal may do to a secret or key (keys: decrypt only). */
  public permissions(principal: AccessPrincipal, target: ModelResource): readonly Permission[] {
    const cacheKey = `${principal.id}\u0000${target.id}`;
    let perms = this.cache.get(cacheKey);
    if (!perms) {
      perms = this.compute(principal, target);
      this.cache.set(cacheKey, perms);
    }
    return perms;
  }

  /** Principals that can read the secret's value: GetSecretValue or decrypt of its key. */
  public readersOf(secret: ModelResource): AccessPrincipal[] {
    return this.principals.filter((p) => {
      if (p.service) return false;
      const perms = this.permissions(p, secret);
      return perms.includes('read') || perms.includes('decrypt');
    });
  }

  /** Every non-empty cell group, secrets first then keys, in template order. */
  public entries(): AccessEntry[] {
    const out: AccessEntry[] = [];
    for (const target of [...this.secrets, ...this.keys]) {
      for (const principal of this.principals) {
        const permissions = this.permissions(principal, target);
        if (permissions.length) out.push({ principal, target, permissions });
      }
    }
    return out;
  }

  private compute(principal: AccessPrincipal, target: ModelResource): Permission[] {
    if (target.type === 'AWS::KMS::Key') {
      return this.canDecrypt(principal, target) ? ['decrypt'] : [];
    }
    const info = this.secretInfo.get(target.id);
    if (!info) return [];
    const out: Permission[] = [];
    for (const perm of ['read', 'write', 'rotate'] as const) {
      if (SECRET_ACTIONS[perm].some((a) => this.secretAllows(principal, info, a))) out.push(perm);
    }
    const decrypt = info.key
      ? this.canDecrypt(principal, info.key, {
          matchesSecret: (pattern) => this.patternMatchesSecret(pattern, info.secret),
        })
      : info.awsManagedKey
        ? out.includes('read')
        : this.identityAllows(principal, DECRYPT, () => true);
    if (decrypt) out.push('decrypt');
    return out;
  }

  private secretAllows(principal: AccessPrincipal, info: SecretInfo, action: string): boolean {
    const matches = (pattern: string) => this.patternMatchesSecret(pattern, info.secret);
    const rp = info.resourcePolicy.filter((s) => coversAction(s, action));
    if (
      rp.some(
        (s) =>
          s.effect === 'Deny' && this.statementNames(s, principal) && denyApplies(s, principal),
      )
    )
      return false;
    const byResource = rp.some((s) => s.effect === 'Allow' && this.statementNames(s, principal));
    return byResource || this.identityAllows(principal, action, matches);
  }

  /** Decrypt with `key`: of its data at large, or (`secret`) of one secret's value. */
  private canDecrypt(
    principal: AccessPrincipal,
    key: ModelResource,
    secret?: SecretContext,
  ): boolean {
    // A grant conditioned on kms:ViaService decrypts only through that service, whose own
    // access control decides (for Secrets Manager: the read column).
    const policy = (this.keyPolicies.get(key.id) ?? []).filter(
      (s) => coversAction(s, DECRYPT) && !isViaService(s) && !isBoundToOtherData(s),
    );
    if (
      policy.some(
        (s) =>
          s.effect === 'Deny' &&
          this.statementNames(s, principal) &&
          denyApplies(s, principal, secret),
      )
    )
      return false;
    const allows = policy.filter((s) => s.effect === 'Allow');
    if (allows.some((s) => this.statementNames(s, principal))) return true;
    const delegated = allows.some((s) => (s.principals ?? []).some(isAccountRoot));
    return (
      delegated && this.identityAllows(principal, DECRYPT, (p) => this.patternMatchesKey(p, key))
    );
  }

  /** Identity policies allow (and the boundary permits, and nothing denies) the action. */
  private identityAllows(
    principal: AccessPrincipal,
    action: string,
    matches: (p: string) => boolean,
  ): boolean {
    const tp = principal.resource && this.templatePrincipals.get(principal.resource.id);
    if (!tp) return false;
    const relevant = (list: readonly PolicyStatement[]) =>
      list.filter(
        (s) =>
          coversAction(s, action) &&
          coversResource(s, matches) &&
          !(
            s.effect === 'Allow' &&
            action === DECRYPT &&
            (isViaService(s) || isBoundToOtherData(s))
          ),
      );
    const own = relevant(tp.statements);
    if (own.some((s) => s.effect === 'Deny' && denyApplies(s, principal))) return false;
    if (!own.some((s) => s.effect === 'Allow')) return false;
    return !tp.boundary || relevant(tp.boundary).some((s) => s.effect === 'Allow');
  }

  /** Whether a resource-based statement's Principal covers this principal. */
  private statementNames(s: PolicyStatement, principal: AccessPrincipal): boolean {
    const tp = principal.resource && this.templatePrincipals.get(principal.resource.id);
    const hit = (p: PolicyPrincipal) =>
      p.kind === 'Any' || (tp ? principalNames(p, tp) : externalLabel(p) === principal.label);
    if (s.principals) return s.principals.some(hit);
    if (s.notPrincipals) return !s.notPrincipals.some(hit);
    return false;
  }

  private patternMatchesSecret(pattern: string, secret: ModelResource): boolean {
    if (pattern === '*') return true;
    const ids = tokenIds(pattern);
    if (ids.length) return ids.includes(secret.id);
    const arn = splitArn(pattern);
    if (!arn || !/^(secretsmanager|\*)$/.test(arn.service) || !arn.resource.startsWith('secret:')) {
      return false;
    }
    const namePattern = arn.resource.slice('secret:'.length);
    const name = secret.properties.Name;
    // A generated name is unknown offline: only a pattern that matches any name reaches it.
    if (typeof name !== 'string') return /^[*?]*$/.test(namePattern);
    return globMatch(namePattern, `${name}-AbCdEf`);
  }

  private patternMatchesKey(pattern: string, key: ModelResource): boolean {
    if (pattern === '*') return true;
    const ids = tokenIds(pattern);
    if (ids.length) return ids.includes(key.id);
    const arn = splitArn(pattern);
    return !!arn && /^(kms|\*)$/.test(arn.service) && /^key\/[*?]*$/.test(arn.resource);
  }
}
