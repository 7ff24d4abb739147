import { GatewayNetwork } from '../../lib/contracts/gateway';
import { template } from '../helpers/stack';
import { gatewayStack } from './gateway-fixture';

describe('gateway network choices', () => {
  test('private-nat: one NAT gateway, the task in private subnets without a public IP', () => {
    const g = gatewayStack();
    g.host({ network: GatewayNetwork.PRIVATE_NAT });
    const t = template(g.stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    t.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
    });
  });

  test('private-endpoints: no internet route, endpoints for Secrets Manager, Logs, ECR and S3', () => {
    const g = gatewayStack();
    g.host({ network: GatewayNetwork.PRIVATE_ENDPOINTS });
    const t = template(g.stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    const services = Object.values(t.findResources('AWS::EC2::VPCEndpoint')).map((e: any) =>
      JSON.stringify(e.Properties.ServiceName),
    );
    for (const s of ['secretsmanager', 'logs', 'ecr.api', 'ecr.dkr', 's3']) {
      expect(services.some((x) => x.includes(s))).toBe(true);
    }
    expect(services).toHaveLength(5);
  });

  test('public-subnets: an internet gateway, no NAT, a public IP on the task', () => {
    const g = gatewayStack();
    g.host({ network: GatewayNetwork.PUBLIC_SUBNETS });
    const t = template(g.stack);
    t.resourceCountIs('AWS::EC2::InternetGateway', 1);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
  });
});
