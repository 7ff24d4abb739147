/**
 * An HTTP double of DynamoDB's JSON protocol for PutItem and GetItem, keeping the semantics
 * the device registry relies on: items are keyed by the table's key attributes, and a
 * conditional put whose condition fails answers ConditionalCheckFailedException and writes
 * nothing. Only `attribute_not_exists(<attr>)` is understood; any other condition is a
 * ValidationException, so a handler that changes its condition fails its tests.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

type AttributeValue = Record<string, unknown>;
type Item = Record<string, AttributeValue>;

export interface DynamoDbRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

export class DynamoDbDouble {
  public readonly requests: DynamoDbRequest[] = [];
  private readonly tables = new Map<string, Map<string, Item>>();
  private server?: http.Server;

  /** @param keySchema table name → its key attribute names (partition, then sort). */
  constructor(private readonly keySchema: Record<string, string[]>) {
    for (const name of Object.keys(keySchema)) this.tables.set(name, new Map());
  }

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = target.replace(/^DynamoDB_20120810\./, '');
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        this.requests.push({ operation, body });
        const [status, answer] = this.dispatch(operation, body);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    // The SDK keeps its sockets alive: drop them, or close() waits for their idle timeout.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Every item of a table, for assertions. */
  public items(table: string): Item[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  private dispatch(operation: string, body: Record<string, unknown>): [number, unknown] {
    const table = this.tables.get(String(body.TableName));
    if (!table)
      return error('ResourceNotFoundException', `Requested resource not found: ${body.TableName}`);
    const keyNames = this.keySchema[String(body.TableName)];
    if (operation === 'PutItem') {
      const item = body.Item as Item;
      if (keyNames.some((k) => !item?.[k]))
        return error('ValidationException', 'missing key attribute');
      const key = JSON.stringify(keyNames.map((k) => item[k]));
      const condition = body.ConditionExpression as string | undefined;
      if (condition !== undefined) {
        const m = /^attribute_not_exists\((\w+)\)$/.exec(condition.trim());
        if (!m)
          return error('ValidationException', `double does not understand condition ${condition}`);
        if (table.get(key)?.[m[1]] !== undefined) {
          return error('ConditionalCheckFailedException', 'The conditional request failed');
        }
      }
      table.set(key, item);
      return [200, {}];
    }
    if (operation === 'GetItem') {
      const k = body.Key as Item;
      const item = table.get(JSON.stringify(keyNames.map((n) => k[n])));
      return [200, item ? { Item: item } : {}];
    }
    return error('UnknownOperationException', `double does not implement ${operation}`);
  }
}

function error(type: string, message: string): [number, unknown] {
  return [400, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }];
}
