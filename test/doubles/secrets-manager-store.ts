/**
 * The state and semantics of the Secrets Manager double (see secrets-manager-double.ts): secrets,
 * versions and staging labels, and the operations rotation depends on. No HTTP here.
 */
import { randomUUID } from 'node:crypto';

export interface Version {
  value?: string;
  stages: Set<string>;
  created: number;
}

export interface StoredSecret {
  arn: string;
  name: string;
  rotationEnabled: boolean;
  versions: Map<string, Version>;
  lastChangedDate: number;
  tags: Map<string, string>;
}

export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export class SecretsManagerStore {
  protected readonly secrets = new Map<string, StoredSecret>();

  /** Test-side view of a secret's staging labels, by version id. */
  stages(secretId: string): Record<string, string[]> {
    return this.stagesOf(this.find(secretId));
  }

  /** Test-side read of the value under a stage. */
  valueAt(secretId: string, stage: string): string | undefined {
    const s = this.find(secretId);
    return [...s.versions.values()].find((v) => v.stages.has(stage))?.value;
  }

  /** Test-side write that bypasses the protocol, for arranging odd states. */
  seedVersion(
    secretId: string,
    versionId: string,
    value: string | undefined,
    stages: string[],
  ): void {
    const s = this.find(secretId);
    for (const stage of stages) for (const v of s.versions.values()) v.stages.delete(stage);
    s.versions.set(versionId, { value, stages: new Set(stages), created: Date.now() });
  }

  /** Ages a secret's current value, for age-check tests. */
  setLastChanged(secretId: string, epochMs: number): void {
    const s = this.find(secretId);
    s.lastChangedDate = epochMs;
    for (const v of s.versions.values()) if (v.stages.has('AWSCURRENT')) v.created = epochMs;
  }

  protected dispatch(op: string, input: Record<string, unknown>): unknown {
    switch (op) {
      case 'CreateSecret':
        return this.createSecret(input);
      case 'DescribeSecret':
        return this.describe(this.find(input.SecretId));
      case 'GetSecretValue':
        return this.getValue(input);
      case 'PutSecretValue':
        return this.putValue(input);
      case 'UpdateSecretVersionStage':
        return this.updateStage(input);
      case 'RotateSecret':
        return this.rotate(input);
      case 'ListSecretVersionIds': {
        const s = this.find(input.SecretId);
        return {
          ARN: s.arn,
          Name: s.name,
          Versions: [...s.versions]
            .filter(([, v]) => v.stages.size > 0 || input.IncludeDeprecated)
            .map(([id, v]) => ({
              VersionId: id,
              VersionStages: [...v.stages],
              CreatedDate: v.created / 1000,
            })),
        };
      }
      case 'ListSecrets':
        return { SecretList: [...this.secrets.values()].map((s) => this.describe(s)) };
      case 'TagResource': {
        const s = this.find(input.SecretId);
        for (const t of input.Tags as { Key: string; Value: string }[]) s.tags.set(t.Key, t.Value);
        return {};
      }
      default:
        throw new ServiceError('UnknownOperationException', `the double does not implement ${op}`);
    }
  }

  private find(id: unknown): StoredSecret {
    const s = [...this.secrets.values()].find((x) => x.name === id || x.arn === id);
    if (!s)
      throw new ServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    return s;
  }

  private stagesOf(s: StoredSecret): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [id, v] of s.versions) if (v.stages.size > 0) out[id] = [...v.stages];
    return out;
  }

  private describe(s: StoredSecret) {
    return {
      ARN: s.arn,
      Name: s.name,
      RotationEnabled: s.rotationEnabled,
      LastChangedDate: s.lastChangedDate / 1000,
      VersionIdsToStages: this.stagesOf(s),
      Tags: [...s.tags].map(([Key, Value]) => ({ Key, Value })),
    };
  }

  /** Rotation is enabled by a RotationLambdaARN here, as CloudFormation's RotationSchedule does. */
  createSecret(input: Record<string, unknown>) {
    const name = String(input.Name);
    if (this.secrets.has(name))
      throw new ServiceError('ResourceExistsException', `secret ${name} exists`);
    const arn = `arn:aws:secretsmanager:us-east-1:111111111111:secret:${name}-${randomUUID().slice(0, 6)}`;
    const s: StoredSecret = {
      arn,
      name,
      rotationEnabled: Boolean(input.RotationLambdaARN),
      versions: new Map(),
      lastChangedDate: Date.now(),
      tags: new Map(
        ((input.Tags as { Key: string; Value: string }[]) ?? []).map((t) => [t.Key, t.Value]),
      ),
    };
    this.secrets.set(name, s);
    const versionId = String(input.ClientRequestToken ?? randomUUID());
    if (input.SecretString !== undefined) {
      s.versions.set(versionId, {
        value: String(input.SecretString),
        stages: new Set(['AWSCURRENT']),
        created: Date.now(),
      });
    }
    return { ARN: arn, Name: name, VersionId: versionId };
  }

  private getValue(input: Record<string, unknown>) {
    const s = this.find(input.SecretId);
    const stage =
      (input.VersionStage as string | undefined) ?? (input.VersionId ? undefined : 'AWSCURRENT');
    let entry: [string, Version] | undefined;
    if (input.VersionId) {
      const v = s.versions.get(String(input.VersionId));
      entry = v && (!stage || v.stages.has(stage)) ? [String(input.VersionId), v] : undefined;
    } else {
      entry = [...s.versions].find(([, v]) => v.stages.has(stage!));
    }
    if (!entry || entry[1].value === undefined) {
      throw new ServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for VersionId or VersionStage",
      );
    }
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: entry[0],
      SecretString: entry[1].value,
      VersionStages: [...entry[1].stages],
      CreatedDate: entry[1].created / 1000,
    };
  }

  private putValue(input: Record<string, unknown>) {
    const s = this.find(input.SecretId);
    const id = String(input.ClientRequestToken ?? randomUUID());
    const value = String(input.SecretString);
    const stages = (input.VersionStages as string[] | undefined) ?? ['AWSCURRENT'];
    const existing = s.versions.get(id);
    if (existing?.value !== undefined) {
      if (existing.value !== value) {
        throw new ServiceError(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return { ARN: s.arn, Name: s.name, VersionId: id, VersionStages: [...existing.stages] };
    }
    const version = existing ?? { stages: new Set<string>(), created: Date.now() };
    version.value = value;
    s.versions.set(id, version);
    for (const stage of stages) this.attach(s, stage, id);
    s.lastChangedDate = Date.now();
    return { ARN: s.arn, Name: s.name, VersionId: id, VersionStages: [...version.stages] };
  }

  private updateStage(input: Record<string, unknown>) {
    const s = this.find(input.SecretId);
    const stage = String(input.VersionStage);
    const holder = [...s.versions].find(([, v]) => v.stages.has(stage))?.[0];
    const from = input.RemoveFromVersionId as string | undefined;
    const to = input.MoveToVersionId as string | undefined;
    if (from !== undefined && from !== holder) {
      throw new ServiceError(
        'InvalidParameterException',
        `The staging label ${stage} is not attached to version ${from}.`,
      );
    }
    if (to !== undefined && holder !== undefined && holder !== to && from === undefined) {
      throw new ServiceError(
        'InvalidParameterException',
        `The staging label ${stage} is attached to version ${holder}; name it in RemoveFromVersionId.`,
      );
    }
    if (to !== undefined) {
      const target = s.versions.get(to);
      if (!target)
        throw new ServiceError('ResourceNotFoundException', `version ${to} does not exist`);
      if (stage === 'AWSCURRENT' && target.value === undefined) {
        throw new ServiceError('InvalidRequestException', `version ${to} has no value`);
      }
      this.attach(s, stage, to);
    } else if (from !== undefined) {
      s.versions.get(from)!.stages.delete(stage);
    }
    s.lastChangedDate = Date.now();
    return { ARN: s.arn, Name: s.name };
  }

  private attach(s: StoredSecret, stage: string, id: string) {
    for (const [otherId, v] of s.versions) {
      if (otherId !== id && v.stages.delete(stage) && stage === 'AWSCURRENT') {
        for (const w of s.versions.values()) w.stages.delete('AWSPREVIOUS');
        v.stages.add('AWSPREVIOUS');
      }
    }
    s.versions.get(id)!.stages.add(stage);
  }

  /** What RotateSecret does before it invokes the function: an empty AWSPENDING version. */
  rotate(input: Record<string, unknown>) {
    const s = this.find(input.SecretId);
    const token = String(input.ClientRequestToken ?? randomUUID());
    const pendingOn = [...s.versions].find(
      ([, v]) => v.stages.has('AWSPENDING') && !v.stages.has('AWSCURRENT'),
    );
    if (pendingOn && pendingOn[0] !== token) {
      throw new ServiceError(
        'InvalidRequestException',
        "A previous rotation isn't complete. That rotation will be reattempted.",
      );
    }
    s.rotationEnabled = true;
    if (!s.versions.has(token)) s.versions.set(token, { stages: new Set(), created: Date.now() });
    this.attach(s, 'AWSPENDING', token);
    return { ARN: s.arn, Name: s.name, VersionId: token };
  }
}
