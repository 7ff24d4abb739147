/**
 * Runs the real bundled ibkr-session-rotation handler against the two doubles, the way
 * Secrets Manager would: RotateSecret, then the four steps with one ClientRequestToken.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ibkrRequest } from '../../lib/runtime/ibkr-http';
import { signedAuthorizationHeader } from '../../lib/runtime/ibkr-oauth';
import {
  createTestAccount,
  IbkrAccount,
  IbkrDouble,
  IbkrDoubleOptions,
} from '../doubles/ibkr-double';
import { SecretsManagerDouble } from '../doubles/secrets-manager-double';

export const BUNDLE = join(__dirname, '../../dist/handlers/ibkr-session-rotation/index.js');
export const SESSION_ID = 'paper/automation/ibkr-session';
export const ISSUER_ID = 'paper/automation/ibkr-session-issuer';
export const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
/**
 * The function's IBKR timeout for calls the double answers: long enough for a loaded machine,
 * where minting (RSA, Diffie-Hellman on both sides, in this one process) has taken over 400 ms.
 */
const IBKR_TIMEOUT_MS = '10000';
/** The timeout for a call the double never answers (`failNext(..., 'timeout')`). */
export const SHORT_IBKR_TIMEOUT_MS = 400;
export type Step = (typeof STEPS)[number];
type Handler = (event: {
  Step: string;
  SecretId: string;
  ClientRequestToken: string;
}) => Promise<void>;

/** Loads the bundle as a fresh module: a Lambda cold start. */
export function coldStart(): Handler {
  if (!existsSync(BUNDLE)) {
    throw new Error(
      `${BUNDLE} is missing: run \`npm run build\` first (npm test builds before jest)`,
    );
  }
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(BUNDLE).handler;
  });
  return handler!;
}

export class RotationHarness {
  readonly sm = new SecretsManagerDouble();
  readonly ibkr: IbkrDouble;
  /** Everything the handler wrote to the console, and every error message it threw. */
  readonly output: string[] = [];
  handler!: Handler;
  private readonly saved: Record<string, string | undefined> = {};

  constructor(
    readonly account: IbkrAccount = createTestAccount(),
    ibkrOptions: IbkrDoubleOptions = {},
  ) {
    this.ibkr = new IbkrDouble(account, ibkrOptions);
  }

  async start(issuerValue?: string): Promise<void> {
    await this.sm.start();
    await this.ibkr.start();
    const env: Record<string, string> = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: this.sm.endpoint,
      // One attempt per call, so an injected fault fails the step instead of being retried away.
      AWS_MAX_ATTEMPTS: '1',
      ISSUER_SECRET_ID: ISSUER_ID,
      IBKR_TIMEOUT_MS,
    };
    for (const [k, v] of Object.entries(env)) {
      this.saved[k] = process.env[k];
      process.env[k] = v;
    }
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        this.output.push(args.map(String).join(' '));
      });
    }
    this.sm.createSecret({
      Name: ISSUER_ID,
      SecretString:
        issuerValue ?? JSON.stringify({ ...this.account.issuerSecret, baseUrl: this.ibkr.baseUrl }),
    });
    this.sm.createSecret({
      Name: SESSION_ID,
      SecretString: '{}',
      RotationLambdaARN: 'arn:aws:lambda:fn',
    });
    this.handler = coldStart();
  }

  async stop(): Promise<void> {
    jest.restoreAllMocks();
    for (const [k, v] of Object.entries(this.saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await this.sm.stop();
    await this.ibkr.stop();
  }

  /** RotateSecret: a new empty version carrying AWSPENDING. */
  begin(token: string = randomUUID()): string {
    this.sm.rotate({ SecretId: SESSION_ID, ClientRequestToken: token });
    return token;
  }

  async step(step: Step, token: string, handler: Handler = this.handler): Promise<void> {
    try {
      await handler({ Step: step, SecretId: SESSION_ID, ClientRequestToken: token });
    } catch (e) {
      this.output.push(String((e as Error).message));
      throw e;
    }
  }

  /**
   * One step with the function's IBKR timeout cut to SHORT_IBKR_TIMEOUT_MS, for a call the
   * double never answers; every other call keeps the long timeout.
   */
  async stepTimingOut(step: Step, token: string): Promise<void> {
    process.env.IBKR_TIMEOUT_MS = String(SHORT_IBKR_TIMEOUT_MS);
    try {
      await this.step(step, token);
    } finally {
      process.env.IBKR_TIMEOUT_MS = IBKR_TIMEOUT_MS;
    }
  }

  async rotate(token: string = this.begin()): Promise<string> {
    for (const s of STEPS) await this.step(s, token);
    return token;
  }

  current(): Record<string, unknown> {
    return JSON.parse(this.sm.valueAt(SESSION_ID, 'AWSCURRENT') ?? '{}');
  }

  /** One real signed call with the AWSCURRENT token: what the trading server would do. */
  async currentWorks(): Promise<boolean> {
    const s = this.current() as { liveSessionToken?: string; baseUrl?: string };
    if (!s.liveSessionToken || !s.baseUrl) return false;
    const url = `${s.baseUrl}/iserver/auth/status`;
    const auth = signedAuthorizationHeader(s as never, 'POST', url);
    const res = await ibkrRequest({
      method: 'POST',
      url,
      authorization: auth,
      timeoutMs: Number(IBKR_TIMEOUT_MS),
    }).catch(() => undefined);
    return res?.status === 200;
  }

  /** Every piece of secret text that must never appear in output. */
  secrets(): string[] {
    const i = this.account.issuerSecret as Record<string, string>;
    const pemBodies = [i.signaturePrivateKeyPem, i.encryptionPrivateKeyPem].flatMap((pem) =>
      pem.split('\n').filter((l) => l.length > 40),
    );
    return [
      ...this.ibkr.issued,
      i.accessTokenSecret,
      this.account.accessTokenSecretPlain.toString('hex'),
      this.account.accessTokenSecretPlain.toString('base64'),
      ...pemBodies,
    ];
  }

  leakedSecrets(): string[] {
    const text = this.output.join('\n');
    return this.secrets().filter((s) => text.includes(s));
  }
}
