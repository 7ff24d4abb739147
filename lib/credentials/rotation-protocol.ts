/**
 * The Secrets Manager rotation protocol, written once. An issuer only says how to mint,
 * install and test one credential; this core owns version stages and idempotency:
 *
 * - nothing touches AWSCURRENT before finishSecret, and finishSecret runs only after
 *   testSecret passed, so every failure leaves the current credential working;
 * - every step may run again (Secrets Manager retries, duplicate invocations): createSecret
 *   keeps a pending value already stored under the token, finishSecret returns when the token
 *   is already current, also when a concurrent duplicate made it current after this one looked;
 * - a stale AWSPENDING never blocks rotation: Secrets Manager refuses a new RotateSecret while
 *   AWSPENDING sits on a non-current version and re-attempts that version instead, so when
 *   the re-attempt finds a pending value too old to promote (or the target refused it), the
 *   label is removed and the next rotation starts afresh;
 * - only ids, steps and error codes are logged, never a value.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { BrokerGuardError } from '../errors';

export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** The event Secrets Manager sends a rotation function. */
export interface RotationEvent {
  readonly Step: RotationStep;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly RotationToken?: string;
}

/** Structured, value-free logging: one JSON line per call. */
export interface RotationLog {
  info(message: string, fields?: Record<string, string | number | boolean>): void;
  warn(message: string, fields?: Record<string, string | number | boolean>): void;
}

export interface RotationContext {
  readonly secretId: string;
  /** The ClientRequestToken: the id of the version being made. */
  readonly token: string;
  readonly client: SecretsManagerClient;
  readonly log: RotationLog;
}

/** What a credential issuer plugs into the protocol. */
export interface RotationIssuer {
  /** Short name for logs, e.g. `ibkr-oauth`. */
  readonly name: string;
  /** Mints a new credential; the returned SecretString is stored as AWSPENDING. */
  create(ctx: RotationContext): Promise<string>;
  /** Makes the target accept the pending value. @default - nothing to do (create already did it) */
  set?(pending: string, ctx: RotationContext): Promise<void>;
  /** Proves the pending value works against the target; throws when it does not. */
  test(pending: string, ctx: RotationContext): Promise<void>;
  /**
   * Whether a pending value stored under this token by an earlier attempt may be kept.
   * @default - always
   */
  isReusable?(pending: string, ctx: RotationContext): boolean;
  /**
   * Whether an error from `test` means the pending value itself is bad (rather than the
   * target being down), so it is discarded instead of retried.
   * @default - never
   */
  discardsPending?(error: unknown): boolean;
}

const PENDING = 'AWSPENDING';
const CURRENT = 'AWSCURRENT';

function jsonLog(base: Record<string, string>): RotationLog {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ level, ...base, message, ...fields }));
  return { info: (m, f) => line('info', m, f), warn: (m, f) => line('warn', m, f) };
}

function isNotFound(e: unknown): boolean {
  return (e as { name?: string })?.name === 'ResourceNotFoundException';
}

/** Builds a Lambda handler that runs `issuer` under the rotation protocol. */
export function createRotationHandler(
  issuer: RotationIssuer,
  options: { client?: SecretsManagerClient } = {},
): (event: RotationEvent) => Promise<void> {
  let client = options.client;
  return async (event) => {
    client ??= new SecretsManagerClient({});
    const { Step: step, SecretId: secretId, ClientRequestToken: token } = event;
    const log = jsonLog({ issuer: issuer.name, step, secretId, token });
    const ctx: RotationContext = { secretId, token, client, log };
    try {
      await runStep(issuer, step, ctx);
    } catch (e) {
      const err = e as { code?: string; name?: string; message?: string };
      console.log(
        JSON.stringify({
          level: 'error',
          issuer: issuer.name,
          step,
          secretId,
          token,
          code: err.code ?? err.name ?? 'Error',
          message: `${step} failed; AWSCURRENT is unchanged: ${err.message ?? String(e)}`,
        }),
      );
      throw e;
    }
  };
}

async function runStep(issuer: RotationIssuer, step: string, ctx: RotationContext): Promise<void> {
  if (!(ROTATION_STEPS as readonly string[]).includes(step)) {
    throw new BrokerGuardError(
      'ROTATION_BAD_STEP',
      `unknown rotation step "${step}"; expected one of ${ROTATION_STEPS.join(', ')}`,
    );
  }
  const { client, secretId, token, log } = ctx;
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (!described.RotationEnabled) {
    throw new BrokerGuardError(
      'ROTATION_NOT_ENABLED',
      `secret ${secretId} does not have rotation enabled`,
    );
  }
  const versions = described.VersionIdsToStages ?? {};
  const stages = versions[token];
  if (!stages) {
    throw new BrokerGuardError(
      'ROTATION_UNKNOWN_VERSION',
      `version ${token} of ${secretId} has no stage for rotation`,
    );
  }
  if (stages.includes(CURRENT)) {
    log.info('version is already AWSCURRENT; nothing to do');
    return;
  }
  if (!stages.includes(PENDING)) {
    throw new BrokerGuardError(
      'ROTATION_NOT_PENDING',
      `version ${token} of ${secretId} is not AWSPENDING`,
    );
  }
  switch (step as RotationStep) {
    case 'createSecret':
      return createStep(issuer, ctx);
    case 'setSecret':
      if (issuer.set) await issuer.set(await pendingValue(ctx), ctx);
      else log.info('issuer installs the credential while creating it; nothing to set');
      return;
    case 'testSecret':
      return testStep(issuer, ctx);
    case 'finishSecret':
      return finishStep(ctx, versions);
  }
}

async function createStep(issuer: RotationIssuer, ctx: RotationContext) {
  const { client, secretId, token, log } = ctx;
  const existing = await tryGet(ctx, token, PENDING);
  if (existing !== undefined) {
    if (issuer.isReusable?.(existing, ctx) ?? true) {
      log.info('a pending value for this version exists already; keeping it');
      return;
    }
    await removePending(ctx, token);
    log.warn('cleared a stale AWSPENDING left by an earlier failed rotation');
    throw new BrokerGuardError(
      'ROTATION_STALE_PENDING',
      `version ${token} of ${secretId} holds a pending value too old to promote; AWSPENDING was removed so the next rotation starts afresh`,
    );
  }
  const value = await issuer.create(ctx);
  try {
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: token,
        SecretString: value,
        VersionStages: [PENDING],
      }),
    );
  } catch (e) {
    // A duplicate invocation that stored its own value first wins; ours is simply dropped.
    if (
      (e as { name?: string }).name === 'ResourceExistsException' &&
      (await tryGet(ctx, token, PENDING)) !== undefined
    ) {
      log.info('another invocation stored the pending value first; keeping that one');
      return;
    }
    throw e;
  }
  log.info('stored the new credential as AWSPENDING');
}

async function testStep(issuer: RotationIssuer, ctx: RotationContext) {
  const pending = await pendingValue(ctx);
  try {
    await issuer.test(pending, ctx);
  } catch (e) {
    if (issuer.discardsPending?.(e)) {
      await removePending(ctx, ctx.token);
      ctx.log.warn('the target refused the pending credential; AWSPENDING was removed');
    }
    throw e;
  }
  ctx.log.info('the pending credential works');
}

async function finishStep(ctx: RotationContext, versions: Record<string, string[]>) {
  const { client, secretId, token, log } = ctx;
  const current = Object.keys(versions).find((v) => versions[v].includes(CURRENT));
  try {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: CURRENT,
        MoveToVersionId: token,
        ...(current ? { RemoveFromVersionId: current } : {}),
      }),
    );
  } catch (e) {
    // A duplicate invocation that promoted the token between our DescribeSecret and this call
    // moved the label away from `current`, so Secrets Manager refuses the move: done already.
    if ((e as { name?: string }).name === 'InvalidParameterException' && (await isCurrent(ctx))) {
      log.info('another invocation promoted this version first; nothing to do');
      return;
    }
    throw e;
  }
  log.info('promoted the pending version to AWSCURRENT', { previousVersion: current ?? 'none' });
}

async function isCurrent(ctx: RotationContext): Promise<boolean> {
  const described = await ctx.client.send(new DescribeSecretCommand({ SecretId: ctx.secretId }));
  return described.VersionIdsToStages?.[ctx.token]?.includes(CURRENT) ?? false;
}

async function tryGet(
  ctx: RotationContext,
  versionId: string,
  stage: string,
): Promise<string | undefined> {
  try {
    const r = await ctx.client.send(
      new GetSecretValueCommand({
        SecretId: ctx.secretId,
        VersionId: versionId,
        VersionStage: stage,
      }),
    );
    return r.SecretString;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function pendingValue(ctx: RotationContext): Promise<string> {
  const value = await tryGet(ctx, ctx.token, PENDING);
  if (value === undefined) {
    throw new BrokerGuardError(
      'ROTATION_NO_PENDING_VALUE',
      `version ${ctx.token} of ${ctx.secretId} has no pending value: createSecret has not run`,
    );
  }
  return value;
}

async function removePending(ctx: RotationContext, versionId: string) {
  await ctx.client.send(
    new UpdateSecretVersionStageCommand({
      SecretId: ctx.secretId,
      VersionStage: PENDING,
      RemoveFromVersionId: versionId,
    }),
  );
}
