import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GATEWAY_LOGIN_FIELDS, stackName } from '../contracts/names';
import { readStackOutputs } from '../response/deployment-lookup';
import {
  OUTPUT_GATEWAY_CLUSTER,
  OUTPUT_GATEWAY_LOGIN_SECRET,
  OUTPUT_GATEWAY_SERVICE,
} from '../response/stack-outputs';

/** The gateway host of a deployment, from its stack's outputs. */
export interface GatewayRef {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly loginSecretName: string;
}

/**
 * The deployment's gateway host, or undefined when its stack has none (gateway disabled, or
 * deployed before the host existed). A missing stack is no gateway either: the switch, read
 * first, already says whether the deployment exists.
 */
export async function findGateway(
  cfn: CloudFormationClient,
  deployment: string,
): Promise<GatewayRef | undefined> {
  const outputs = await readStackOutputs(cfn, stackName(deployment));
  const clusterName = outputs?.get(OUTPUT_GATEWAY_CLUSTER);
  const serviceName = outputs?.get(OUTPUT_GATEWAY_SERVICE);
  const loginSecretName = outputs?.get(OUTPUT_GATEWAY_LOGIN_SECRET);
  if (!clusterName || !serviceName || !loginSecretName) return undefined;
  return { clusterName, serviceName, loginSecretName };
}

/** The host's task counts. */
export interface GatewayCounts {
  readonly desired: number;
  readonly running: number;
}

export async function gatewayCounts(ecs: ECSClient, gw: GatewayRef): Promise<GatewayCounts> {
  const out = await ecs.send(
    new DescribeServicesCommand({ cluster: gw.clusterName, services: [gw.serviceName] }),
  );
  const service = out.services?.[0];
  if (!service || service.status === 'INACTIVE') {
    throw new Error(`ECS service ${gw.clusterName}/${gw.serviceName} not found`);
  }
  return { desired: service.desiredCount ?? 0, running: service.runningCount ?? 0 };
}

export async function scaleGateway(ecs: ECSClient, gw: GatewayRef, count: 0 | 1): Promise<void> {
  await ecs.send(
    new UpdateServiceCommand({
      cluster: gw.clusterName,
      service: gw.serviceName,
      desiredCount: count,
    }),
  );
}

/**
 * Whether the login secret still holds the value generated at deploy. The admin role may not
 * read a segment secret, so this is told from its versions: Secrets Manager keeps the value
 * it replaced under AWSPREVIOUS, and a secret nobody ever put a value into has none.
 */
export async function loginIsPlaceholder(
  sm: SecretsManagerClient,
  secretName: string,
): Promise<boolean> {
  const out = await sm.send(new DescribeSecretCommand({ SecretId: secretName }));
  const stages = Object.values(out.VersionIdsToStages ?? {}).flat();
  return !stages.includes('AWSPREVIOUS');
}

/** The command that puts the login, for the refusal message. */
export function putLoginCommand(secretName: string): string {
  const shape = JSON.stringify({
    [GATEWAY_LOGIN_FIELDS.username]: '...',
    [GATEWAY_LOGIN_FIELDS.password]: '...',
  });
  return `aws secretsmanager put-secret-value --secret-id ${secretName} --secret-string file://login.json  (login.json: ${shape})`;
}
