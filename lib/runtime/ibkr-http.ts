/**
 * A minimal HTTP client for IBKR's Web API with failures named the way an operator needs them:
 * 401 (credentials refused), 410 (token/session gone), 5xx (IBKR down), timeout. Built on
 * node:http(s), which the bundled AWS SDK loads anyway, so it adds nothing to a cold start.
 *
 * Error messages carry the method, path and status only: never headers or response bodies,
 * which may hold tokens.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { BrokerGuardError } from '../errors';

export interface IbkrResponse {
  readonly status: number;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  readonly json: unknown;
}

export interface IbkrRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string;
  /** JSON body; not part of the OAuth signature. */
  readonly body?: unknown;
  readonly timeoutMs: number;
}

/** Sends one request; resolves only on 2xx, otherwise rejects with a BrokerGuardError. */
export function ibkrRequest(req: IbkrRequest): Promise<IbkrResponse> {
  const url = new URL(req.url);
  const what = `IBKR ${req.method} ${url.pathname}`;
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: req.method,
        headers: {
          Authorization: req.authorization,
          'User-Agent': 'brokerguard',
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
          'Content-Length': String(payload?.length ?? 0),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () =>
          reject(new BrokerGuardError('IBKR_NETWORK', `${what}: the response was cut off`)),
        );
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(statusError(what, status));
          let json: unknown;
          try {
            json = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status, json });
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(new BrokerGuardError('IBKR_TIMEOUT', `${what}: no answer within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new BrokerGuardError('IBKR_NETWORK', `${what}: ${e.code ?? 'network error'}`));
    });
    request.end(payload);
  });
}

function statusError(what: string, status: number): BrokerGuardError {
  if (status === 401) {
    return new BrokerGuardError(
      'IBKR_UNAUTHORIZED',
      `${what} answered 401 Unauthorized: IBKR refused the credentials`,
    );
  }
  if (status === 410) {
    return new BrokerGuardError(
      'IBKR_GONE',
      `${what} answered 410 Gone: the token or session no longer exists`,
    );
  }
  if (status >= 500) {
    return new BrokerGuardError(
      'IBKR_SERVER_ERROR',
      `${what} answered ${status}: IBKR is failing, retry later`,
    );
  }
  return new BrokerGuardError('IBKR_HTTP_ERROR', `${what} answered ${status}`);
}
