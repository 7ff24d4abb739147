/**
 * HTTP-level doubles of the services the playbook and the lock-out guard call besides Secrets
 * Manager: IAM, EC2 and SNS (query protocol, XML answers) and SSM and ECS (JSON 1.1). Real SDK
 * clients reach them through AWS_ENDPOINT_URL_<SERVICE>, so requests are checked as they go
 * over the wire. They
 * keep the state the playbook's idempotency depends on: inline role policies, the switch
 * value, the service's desired count, the instance state.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

type Service = 'iam' | 'ec2' | 'ssm' | 'ecs' | 'sns';

export interface RecordedCall {
  readonly service: Service;
  readonly op: string;
  readonly input: Record<string, string> | Record<string, unknown>;
}

export class PlaybookServicesDouble {
  readonly calls: RecordedCall[] = [];
  readonly endpoints = {} as Record<Service, string>;
  /** Inline policies by `<role>/<policy>`. */
  readonly rolePolicies = new Map<string, string>();
  readonly parameters = new Map<string, string>();
  /** Messages published to SNS, in order. */
  readonly published: { topicArn: string; subject?: string; message: string }[] = [];
  desiredCount = 1;
  instanceState = 'running';
  private readonly denied = new Set<string>();
  private readonly servers: http.Server[] = [];

  async start(): Promise<Record<string, string>> {
    for (const service of ['iam', 'ec2', 'ssm', 'ecs', 'sns'] as const) {
      const server = http.createServer((req, res) => this.serve(service, req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      this.servers.push(server);
      this.endpoints[service] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    return {
      AWS_ENDPOINT_URL_IAM: this.endpoints.iam,
      AWS_ENDPOINT_URL_EC2: this.endpoints.ec2,
      AWS_ENDPOINT_URL_SSM: this.endpoints.ssm,
      AWS_ENDPOINT_URL_ECS: this.endpoints.ecs,
      AWS_ENDPOINT_URL_SNS: this.endpoints.sns,
    };
  }

  async stop(): Promise<void> {
    for (const s of this.servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }

  /** Makes every later `service:op` call fail with an access-denied error until `allow`. */
  deny(service: Service, op: string): void {
    this.denied.add(`${service}:${op}`);
  }

  allow(service: Service, op: string): void {
    this.denied.delete(`${service}:${op}`);
  }

  private serve(service: Service, req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (service === 'iam' || service === 'ec2' || service === 'sns')
        this.serveQuery(service, body, res);
      else this.serveJson(service, String(req.headers['x-amz-target'] ?? ''), body, res);
    });
  }

  private serveQuery(service: 'iam' | 'ec2' | 'sns', body: string, res: http.ServerResponse): void {
    const input = Object.fromEntries(new URLSearchParams(body));
    const op = input.Action;
    this.calls.push({ service, op, input });
    const id = randomUUID();
    const send = (status: number, xml: string) => {
      res.writeHead(status, {
        'Content-Type': 'text/xml',
        'Content-Length': Buffer.byteLength(xml),
      });
      res.end(xml);
    };
    if (this.denied.has(`${service}:${op}`)) {
      const message = `not authorized to perform ${service}:${op}`;
      return service !== 'ec2'
        ? send(
            403,
            `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
          )
        : send(
            403,
            `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`,
          );
    }
    if (service === 'iam' && op === 'PutRolePolicy') {
      this.rolePolicies.set(`${input.RoleName}/${input.PolicyName}`, input.PolicyDocument);
      return send(
        200,
        `<PutRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></PutRolePolicyResponse>`,
      );
    }
    if (service === 'sns' && op === 'Publish') {
      this.published.push({
        topicArn: input.TopicArn,
        subject: input.Subject,
        message: input.Message,
      });
      return send(
        200,
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    }
    if (service === 'ec2' && op === 'StopInstances') {
      const previous = this.instanceState;
      this.instanceState = previous === 'running' ? 'stopping' : previous;
      return send(
        200,
        `<StopInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${id}</requestId><instancesSet><item><instanceId>${input['InstanceId.1']}</instanceId><currentState><code>64</code><name>${this.instanceState}</name></currentState><previousState><code>16</code><name>${previous}</name></previousState></item></instancesSet></StopInstancesResponse>`,
      );
    }
    send(
      400,
      `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>the double does not implement ${op}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
    );
  }

  private serveJson(
    service: 'ssm' | 'ecs',
    target: string,
    body: string,
    res: http.ServerResponse,
  ): void {
    const op = target.split('.').pop() ?? '';
    const input = JSON.parse(body || '{}') as Record<string, unknown>;
    this.calls.push({ service, op, input });
    const send = (status: number, payload: unknown, errorType?: string) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'Content-Type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': randomUUID(),
        ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (this.denied.has(`${service}:${op}`)) {
      return send(
        400,
        { __type: 'AccessDeniedException', message: `not authorized to perform ${service}:${op}` },
        'AccessDeniedException',
      );
    }
    if (service === 'ssm' && op === 'PutParameter') {
      this.parameters.set(String(input.Name), String(input.Value));
      return send(200, { Version: 2, Tier: 'Standard' });
    }
    if (service === 'ecs' && op === 'DescribeServices') {
      const name = (input.services as string[])[0];
      return send(200, {
        services: [{ serviceName: name, status: 'ACTIVE', desiredCount: this.desiredCount }],
        failures: [],
      });
    }
    if (service === 'ecs' && op === 'UpdateService') {
      this.desiredCount = Number(input.desiredCount);
      return send(200, {
        service: { serviceName: input.service, status: 'ACTIVE', desiredCount: this.desiredCount },
      });
    }
    send(
      400,
      { __type: 'UnknownOperationException', message: `the double does not implement ${op}` },
      'UnknownOperationException',
    );
  }
}
