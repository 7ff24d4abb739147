import {
  CREDENTIAL_CLASSES,
  CredentialClass,
  SEGMENT_NAMES,
  SegmentName,
  TAG_CREDENTIAL_CLASS,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../../contracts';
import { FlattenContext, flatten, referencedId } from './intrinsics';

/** One resource of a template, with the tags the rules reason about already read. */
export interface ModelResource {
  readonly id: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly tags: Readonly<Record<string, string>>;
  /** `brokerguard:segment`, when it names a known segment. */
  readonly segment?: SegmentName;
  /** `brokerguard:credential-class`, when it names a known class. */
  readonly credentialClass?: CredentialClass;
  /** `brokerguard:role-kind` (`segment` or `function`). */
  readonly roleKind?: string;
  /**
   * Acknowledged rule ids → reasons, from the `cdk_nag.rules_to_suppress` metadata that
   * `writeSuppressionsToCloudFormation` writes, so `check` honours what synth honoured.
   */
  readonly acknowledgements: Readonly<Record<string, string>>;
}

/** The parts of a CloudFormation template the rules read. */
export interface CfnTemplate {
  readonly Resources?: Record<
    string,
    { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
  readonly Parameters?: Record<string, unknown>;
  /** Macros CloudFormation runs before deployment (`AWS::Serverless-2016-10-31`, ...). */
  readonly Transform?: unknown;
}

function readAcknowledgements(metadata: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const list = (metadata as { cdk_nag?: { rules_to_suppress?: unknown } } | undefined)?.cdk_nag
    ?.rules_to_suppress;
  for (const entry of Array.isArray(list) ? list : []) {
    const { id, reason } = (entry ?? {}) as { id?: unknown; reason?: unknown };
    if (typeof id === 'string') out[id.replace(/^annotation::/i, '')] = String(reason ?? '');
  }
  return out;
}

function readTags(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (t && typeof t === 'object' && typeof t.Key === 'string' && typeof t.Value === 'string') {
        out[t.Key] = t.Value;
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * A resolved CloudFormation template, indexed for the rules: built once per stack per
 * validation run (or once per template for `brokerguard check`) and shared by every rule,
 * so that derived facts such as the access analysis are computed once.
 */
export class TemplateModel {
  /** Builds the model from a template object (parsed JSON or YAML, or a resolved stack). */
  public static fromTemplate(template: CfnTemplate, source = 'template'): TemplateModel {
    return new TemplateModel(template, source);
  }

  /** Where the template came from (a file path or a stack path), for messages. */
  public readonly source: string;
  public readonly resources: ReadonlyMap<string, ModelResource>;
  private readonly parameters: ReadonlySet<string>;
  private readonly byTypeIndex = new Map<string, ModelResource[]>();
  private readonly unresolvedParts = new Set<string>();
  private readonly derived = new Map<string, unknown>();
  private readonly ctx: FlattenContext;

  private constructor(template: CfnTemplate, source: string) {
    this.source = source;
    const resources = new Map<string, ModelResource>();
    for (const [id, raw] of Object.entries(template.Resources ?? {})) {
      const properties = (raw?.Properties ?? {}) as Record<string, unknown>;
      const tags = readTags(properties.Tags);
      const segment = (SEGMENT_NAMES as readonly string[]).includes(tags[TAG_SEGMENT])
        ? (tags[TAG_SEGMENT] as SegmentName)
        : undefined;
      const credentialClass = (CREDENTIAL_CLASSES as readonly string[]).includes(
        tags[TAG_CREDENTIAL_CLASS],
      )
        ? (tags[TAG_CREDENTIAL_CLASS] as CredentialClass)
        : undefined;
      const res: ModelResource = {
        id,
        type: String(raw?.Type ?? ''),
        properties,
        tags,
        segment,
        credentialClass,
        roleKind: tags[TAG_ROLE_KIND],
        acknowledgements: readAcknowledgements(raw?.Metadata),
      };
      resources.set(id, res);
      const list = this.byTypeIndex.get(res.type) ?? [];
      list.push(res);
      this.byTypeIndex.set(res.type, list);
    }
    this.resources = resources;
    this.parameters = new Set(Object.keys(template.Parameters ?? {}));
    this.ctx = {
      hasResource: (id) => resources.has(id),
      hasParameter: (id) => this.parameters.has(id),
      unresolved: (what) => this.unresolvedParts.add(what),
    };
  }

  public get(id: string): ModelResource | undefined {
    return this.resources.get(id);
  }

  public byType(type: string): readonly ModelResource[] {
    return this.byTypeIndex.get(type) ?? [];
  }

  /** A value as a string with tokens for what only CloudFormation knows (see intrinsics.ts). */
  public flatten(value: unknown): string | undefined {
    return flatten(value, this.ctx);
  }

  /** The resource a `Ref`/`Fn::GetAtt` points at, when it is in this template. */
  public target(value: unknown): ModelResource | undefined {
    const id = referencedId(value);
    if (id === undefined) return undefined;
    const res = this.resources.get(id);
    if (!res && !this.parameters.has(id) && !id.startsWith('AWS::')) {
      // Same wording as flatten(), so one missing reference is listed once.
      this.flatten(value);
    }
    return res;
  }

  /** Records something a rule could not judge, so that the report can say so. */
  public noteUnresolved(what: string): void {
    this.unresolvedParts.add(what);
  }

  /** References and values that could not be resolved offline, sorted. */
  public get unresolved(): string[] {
    return [...this.unresolvedParts].sort();
  }

  /** Computes a derived fact once per model (the access analysis, the rotation index). */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }
}
