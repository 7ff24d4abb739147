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
import { AccessPrincipal, AccessRequest, requestFacts } from './access-request';
import { Cell, decide, NONE, strongest } from './access-verdict';
import {
  TemplatePrincipal,
  externalLabel,
  isAccountRoot,
  namesSession,
  principalNames,
  templatePrincipals,
} from './principals';

export type { AccessPrincipal } from './access-request';

/**
 * What the matrix judges for each principal and secret: the Secrets Manager calls, and
 * decryption of the secret's ciphertext through Secrets Manager (what GetSecretValue needs of
 * KMS) or directly with `kms:Decrypt`. For a key: direct decryption of its data at large.
 */
export const PERMISSIONS = [
  'read',
  'write',
  'rotate',
  'decryptViaSecretsManager',
  'decryptDirect',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SECRET_ACTIONS: Record<'read' | 'write' | 'rotate', readonly string[]> = {
  read: ['secretsmanager:GetSecretValue'],
  write: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret'],
  rotate: ['secretsmanager:RotateSecret'],
};
const DECRYPT = 'kms:Decrypt';
/** The `kms:ViaService` value of a call Secrets Manager makes for its caller. */
const SECRETS_MANAGER_VIA = 'secretsmanager.${AWS::Region}.amazonaws.com';

/** One row: what one principal may do to one secret or key. */
export interface AccessEntry {
  readonly principal: AccessPrincipal;
  readonly target: ModelResource;
  readonly cells: Readonly<Record<Permission, Cell>>;
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
 * Who can do what to each secret and key, from identity policies, permissions boundaries,
 * secret resource policies and key policies, evaluated as IAM does (access-verdict.ts) with
 * the conditions the template decides (request-conditions.ts). Both the SEG rules and
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
  private readonly cache = new Map<string, AccessEntry>();

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
        if (
          isAccountRoot(p) ||
          tps.some((tp) => p.kind === 'AWS' && (principalNames(p, tp) || namesSession(p, tp)))
        )
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

  /** Every verdict of a principal on a secret or key (keys: direct decrypt only). */
  public entry(principal: AccessPrincipal, target: ModelResource): AccessEntry {
    const cacheKey = `${principal.id}\u0000${target.id}`;
    let e = this.cache.get(cacheKey);
    if (!e) {
      e = { principal, target, cells: this.compute(principal, target) };
      this.cache.set(cacheKey, e);
    }
    return e;
  }

  /** The permissions AWS would allow outright. */
  public permissions(principal: AccessPrincipal, target: ModelResource): Permission[] {
    const cells = this.entry(principal, target).cells;
    return PERMISSIONS.filter((p) => cells[p].verdict === 'allow');
  }

  /**
   * Principals that can, or under some request condition could, read the secret's value:
   * GetSecretValue or a direct decrypt of its ciphertext. A conditional cell counts: the
   * checks never under-report who can read.
   */
  public readersOf(secret: ModelResource): AccessPrincipal[] {
    return this.principals.filter((p) => {
      if (p.service) return false;
      const c = this.entry(p, secret).cells;
      return [c.read, c.decryptDirect].some(
        (x) => x.verdict === 'allow' || x.verdict === 'conditional',
      );
    });
  }

  /** Every row in which something grants something, secrets first then keys, template order. */
  public entries(): AccessEntry[] {
    const out: AccessEntry[] = [];
    for (const target of [...this.secrets, ...this.keys]) {
      for (const principal of this.principals) {
        const e = this.entry(principal, target);
        if (PERMISSIONS.some((p) => e.cells[p].verdict !== 'none')) out.push(e);
      }
    }
    return out;
  }

  private compute(principal: AccessPrincipal, target: ModelResource): Record<Permission, Cell> {
    const cells: Record<Permission, Cell> = {
      read: NONE,
      write: NONE,
      rotate: NONE,
      decryptViaSecretsManager: NONE,
      decryptDirect: NONE,
    };
    if (target.type === 'AWS::KMS::Key') {
      cells.decryptDirect = this.decrypt(principal, target);
      return cells;
    }
    const info = this.secretInfo.get(target.id);
    if (!info) return cells;
    for (const perm of ['read', 'write', 'rotate'] as const) {
      cells[perm] = strongest(SECRET_ACTIONS[perm].map((a) => this.secretCall(principal, info, a)));
    }
    if (info.key) {
      cells.decryptViaSecretsManager = this.decrypt(principal, info.key, info, SECRETS_MANAGER_VIA);
      cells.decryptDirect = this.decrypt(principal, info.key, info);
    } else if (info.awsManagedKey) {
      // aws/secretsmanager lets every principal of the account decrypt through Secrets Manager.
      cells.decryptViaSecretsManager = cells.read;
    } else {
      // The key's policy is not in the template: it alone could still refuse.
      const unknownKey = (via?: string) => {
        const c = this.decrypt(principal, undefined, info, via);
        return c.verdict === 'allow'
          ? { verdict: 'conditional' as const, because: 'the key policy is not in this template' }
          : c;
      };
      cells.decryptViaSecretsManager = unknownKey(SECRETS_MANAGER_VIA);
      cells.decryptDirect = unknownKey();
    }
    return cells;
  }

  private secretCall(principal: AccessPrincipal, info: SecretInfo, action: string): Cell {
    const request: AccessRequest = { principal, kms: false, resourceTags: info.secret.tags };
    const rp = info.resourcePolicy.filter((s) => coversAction(s, action));
    return decide({
      ...this.identityOf(
        principal,
        action,
        (p) => this.patternMatchesSecret(p, info.secret) !== false,
      ),
      facts: requestFacts(request),
      resourceToRole: rp.filter((s) => this.statementNames(s, principal)),
      resourceToSession: rp.filter((s) => this.statementNamesSession(s, principal)),
      resourceLabel: `the resource policy of ${info.secret.id}`,
    });
  }

  /**
   * Decrypt with `key` (undefined: a key outside the template): of one secret's ciphertext
   * (`info`), through Secrets Manager when `via` is given, or of the key's data at large.
   */
  private decrypt(
    principal: AccessPrincipal,
    key: ModelResource | undefined,
    info?: SecretInfo,
    via?: string,
  ): Cell {
    const request: AccessRequest = {
      principal,
      kms: true,
      viaService: via,
      secret: info?.secret,
      secretMatches: info && ((p) => this.patternMatchesSecret(p, info.secret)),
      resourceTags: key?.tags ?? {},
    };
    const policy = key
      ? (this.keyPolicies.get(key.id) ?? []).filter((s) => coversAction(s, DECRYPT))
      : [];
    const matchesKey = (p: string) => (key ? this.patternMatchesKey(p, key) : true);
    return decide({
      ...this.identityOf(principal, DECRYPT, matchesKey),
      facts: requestFacts(request),
      resourceToRole: policy.filter((s) => this.statementNames(s, principal)),
      resourceToSession: policy.filter((s) => this.statementNamesSession(s, principal)),
      // An identity grant counts only where the key policy delegates to the account.
      delegation: key
        ? policy.filter((s) => s.effect === 'Allow' && (s.principals ?? []).some(isAccountRoot))
        : undefined,
      resourceLabel: key ? `the key policy of ${key.id}` : 'the key policy',
    });
  }

  /** The principal's identity statements and boundary, narrowed to the action and resource. */
  private identityOf(principal: AccessPrincipal, action: string, matches: (p: string) => boolean) {
    const tp = principal.resource && this.templatePrincipals.get(principal.resource.id);
    const relevant = (list: readonly PolicyStatement[]) =>
      list.filter((s) => coversAction(s, action) && coversResource(s, matches));
    return {
      identity: tp ? relevant(tp.statements) : [],
      boundary: tp?.boundary ? relevant(tp.boundary) : undefined,
    };
  }

  /** Whether a resource-based statement's Principal covers this principal's ARN. */
  private statementNames(s: PolicyStatement, principal: AccessPrincipal): boolean {
    const tp = principal.resource && this.templatePrincipals.get(principal.resource.id);
    const hit = (p: PolicyPrincipal) =>
      p.kind === 'Any' || (tp ? principalNames(p, tp) : externalLabel(p) === principal.label);
    if (s.principals) return s.principals.some(hit);
    if (s.notPrincipals) {
      // IAM: a Deny with NotPrincipal always denies a principal that has a permissions
      // boundary, whatever NotPrincipal names (access_policies_boundaries.html, "Important").
      if (s.effect === 'Deny' && tp?.boundary) return true;
      return !s.notPrincipals.some(hit);
    }
    return false;
  }

  /** Whether a resource-based statement names one of the role's sessions (not the role). */
  private statementNamesSession(s: PolicyStatement, principal: AccessPrincipal): boolean {
    const tp = principal.resource && this.templatePrincipals.get(principal.resource.id);
    return !!tp && (s.principals ?? []).some((p) => namesSession(p, tp));
  }

  /** Whether an ARN pattern names the secret; undefined when its generated name is unknown. */
  private patternMatchesSecret(pattern: string, secret: ModelResource): boolean | undefined {
    if (pattern === '*') return true;
    const ids = tokenIds(pattern);
    if (ids.length) return ids.includes(secret.id);
    const arn = splitArn(pattern);
    if (!arn || !/^(secretsmanager|\*)$/.test(arn.service) || !arn.resource.startsWith('secret:')) {
      return false;
    }
    const namePattern = arn.resource.slice('secret:'.length);
    const name = secret.properties.Name;
    // A generated name is unknown offline: only a pattern that matches any name decides.
    if (typeof name !== 'string') return /^[*?]*$/.test(namePattern) ? true : undefined;
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
