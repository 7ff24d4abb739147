/**
 * An HTTP-level double of AWS Secrets Manager (JSON 1.1 protocol: `X-Amz-Target:
 * secretsmanager.<Op>`) for real SDK clients pointed at it through
 * AWS_ENDPOINT_URL_SECRETS_MANAGER. It keeps the semantics rotation depends on:
 *
 * - staging labels are unique per secret; moving AWSCURRENT leaves AWSPREVIOUS on the old one;
 * - PutSecretValue with an existing version id and the same value is a no-op, with a
 *   different value ResourceExistsException;
 * - UpdateSecretVersionStage insists on naming the version a label is moved from;
 * - RotateSecret refuses while AWSPENDING sits on a version that is not AWSCURRENT;
 * - a version created by RotateSecret has no value until the function puts one.
 *
 * Faults can be injected per operation, before or after the change is applied (the latter is a
 * lost response: the change happened but the caller saw a 500). Concurrent callers can be made
 * to meet (`gather`), so a test chooses the interleaving instead of hoping for it.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { SecretsManagerStore, ServiceError } from './secrets-manager-store';

export interface InjectedFault {
  /** Apply the change, then answer 500 (a lost response). @default false */
  readonly afterApply?: boolean;
  /** How many calls fail. @default 1 */
  readonly times?: number;
}

/** Calls held until `count` of them have arrived (see `gather`). */
interface Gathering {
  readonly count: number;
  readonly held: Array<{ answer: () => void; fail: (message: string) => void }>;
  readonly timer: NodeJS.Timeout;
}

/** How long a gathering waits for its last caller before failing the ones it holds. */
const GATHER_TIMEOUT_MS = 20_000;

export class SecretsManagerDouble extends SecretsManagerStore {
  private readonly faults = new Map<string, { afterApply: boolean; left: number }>();
  private readonly gatherings = new Map<string, Gathering>();
  private server?: http.Server;
  /** Operation names in the order they were called. */
  readonly calls: string[] = [];
  endpoint = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    for (const g of this.gatherings.values()) clearTimeout(g.timer);
    this.gatherings.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Makes the next call(s) of `op` answer 500 InternalServiceError. */
  failNext(op: string, fault: InjectedFault = {}): void {
    this.faults.set(op, { afterApply: fault.afterApply ?? false, left: fault.times ?? 1 });
  }

  /**
   * Holds the next `count` calls of `op` until all of them have arrived, then answers them in
   * the order they came. Two duplicate invocations thus both read before either can write:
   * the interleaving that makes duplicates dangerous, every time, however the scheduler runs
   * them. If the last call never comes, the held ones are answered with a 500 that says so.
   */
  gather(op: string, count: number): void {
    const held: Gathering['held'] = [];
    const timer = setTimeout(() => {
      this.gatherings.delete(op);
      const why = `gather: ${held.length} of ${count} ${op} calls came within ${GATHER_TIMEOUT_MS} ms`;
      for (const call of held) call.fail(why);
    }, GATHER_TIMEOUT_MS);
    this.gatherings.set(op, { count, held, timer });
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
      this.calls.push(op);
      const reply = (status: number, body: unknown, errorType?: string) => {
        const payload = JSON.stringify(body);
        res.writeHead(status, {
          'Content-Type': 'application/x-amz-json-1.1',
          'x-amzn-RequestId': randomUUID(),
          ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
          'Content-Length': Buffer.byteLength(payload),
        });
        res.end(payload);
      };
      const internal = (message = 'injected fault') =>
        reply(500, { __type: 'InternalServiceError', message }, 'InternalServiceError');
      const answer = () => this.answer(op, chunks, reply, internal);
      const gathering = this.gatherings.get(op);
      if (!gathering) return answer();
      gathering.held.push({ answer, fail: internal });
      if (gathering.held.length < gathering.count) return;
      clearTimeout(gathering.timer);
      this.gatherings.delete(op);
      for (const call of gathering.held) call.answer();
    });
  }

  private answer(
    op: string,
    chunks: Buffer[],
    reply: (status: number, body: unknown, errorType?: string) => void,
    internal: () => void,
  ) {
    const fault = this.faults.get(op);
    if (fault) {
      fault.left -= 1;
      if (fault.left <= 0) this.faults.delete(op);
      if (!fault.afterApply) return internal();
    }
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
        string,
        unknown
      >;
      const output = this.dispatch(op, input);
      if (fault) return internal();
      reply(200, output);
    } catch (e) {
      if (e instanceof ServiceError)
        reply(e.status, { __type: e.type, message: e.message }, e.type);
      else
        reply(500, { __type: 'InternalServiceError', message: String(e) }, 'InternalServiceError');
    }
  }
}
