import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TAG_ROLE_KIND } from '../contracts';
import { GatewayNetwork } from '../contracts/gateway';
import { AccessSegment } from '../segments/access-segment';

/** The subnets and IP setting the service runs with. */
export interface GatewayPlacement {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly assignPublicIp: boolean;
}

const SUBNET_TYPE: Record<GatewayNetwork, ec2.SubnetType> = {
  [GatewayNetwork.PUBLIC_SUBNETS]: ec2.SubnetType.PUBLIC,
  [GatewayNetwork.PRIVATE_NAT]: ec2.SubnetType.PRIVATE_WITH_EGRESS,
  [GatewayNetwork.PRIVATE_ENDPOINTS]: ec2.SubnetType.PRIVATE_ISOLATED,
};

/**
 * The VPC the host runs in: the given one, or a small one of two AZs made for the chosen
 * network, whose rejected flows are logged to the automation segment (an inbound probe shows
 * there, and nowhere else: the security group drops it).
 */
export function gatewayPlacement(
  scope: Construct,
  network: GatewayNetwork,
  segment: AccessSegment,
  vpc?: ec2.IVpc,
): GatewayPlacement {
  const subnetType = SUBNET_TYPE[network];
  const placement = {
    subnets: { subnetType },
    assignPublicIp: network === GatewayNetwork.PUBLIC_SUBNETS,
  };
  if (vpc) return { vpc, ...placement };

  const subnetConfiguration: ec2.SubnetConfiguration[] = [];
  if (network !== GatewayNetwork.PRIVATE_ENDPOINTS) {
    subnetConfiguration.push({ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 });
  }
  if (network !== GatewayNetwork.PUBLIC_SUBNETS) {
    subnetConfiguration.push({ name: 'private', subnetType, cidrMask: 24 });
  }
  // A function role of the segment (role-kind function), not the segment's own role.
  const flowLogRole = new iam.Role(scope, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
    description: `brokerguard ${segment.deploymentName}: writes the gateway VPC's rejected flows`,
  });
  Tags.of(flowLogRole).add(TAG_ROLE_KIND, 'function');
  const created = new ec2.Vpc(scope, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.64.0.0/22'),
    maxAzs: 2,
    natGateways: network === GatewayNetwork.PRIVATE_NAT ? 1 : 0,
    subnetConfiguration,
    // The custom resource that would empty the default security group is a Lambda function of
    // its own; nothing is ever placed in the default group, whose rules admit only its members.
    restrictDefaultSecurityGroup: false,
    flowLogs: {
      Rejected: {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(
          segment.createLogGroup('GatewayFlowLog', {
            purpose: 'gateway-rejected-flows',
            retention: logs.RetentionDays.THREE_MONTHS,
          }),
          flowLogRole,
        ),
        trafficType: ec2.FlowLogTrafficType.REJECT,
      },
    },
  });
  if (network === GatewayNetwork.PRIVATE_ENDPOINTS) {
    created.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    for (const [id, service] of [
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
      ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
      ['EcrDocker', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
    ] as const) {
      created.addInterfaceEndpoint(id, { service, subnets: { subnetType } });
    }
  }
  return { vpc: created, ...placement };
}
