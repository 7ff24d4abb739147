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
 * lost response: the change happened but the caller saw a 500).
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

export class SecretsManagerDouble extends SecretsManagerStore {
  private readonly faults = new Map<string, { afterApply: boolean; left: number }>();
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
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Makes the next call(s) of `op` answer 500 InternalServiceError. */
  failNext(op: string, fault: InjectedFault = {}): void {
    this.faults.set(op, { afterApply: fault.afterApply ?? false, left: fault.times ?? 1 });
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
      const internal = () =>
        reply(
          500,
          { __type: 'InternalServiceError', message: 'injected fault' },
          'InternalServiceError',
        );
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
          reply(
            500,
            { __type: 'InternalServiceError', message: String(e) },
            'InternalServiceError',
          );
      }
    });
  }
}
