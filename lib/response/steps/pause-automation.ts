import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { AutomationComputeTargets, StepResult } from '../playbook';
import { PlaybookClients, neverThrows } from './step';

/**
 * Turns the automation switch off. The trading server reads the switch before each login and
 * each order (lib/runtime/automation-switch.ts), so this stops retry loops even where the
 * server itself keeps running.
 */
export function pauseAutomation(
  parameterName: string,
  clients: Pick<PlaybookClients, 'ssm'>,
): Promise<StepResult> {
  const base = { step: 'pause-automation', target: parameterName } as const;
  return neverThrows(base, async () => {
    await clients.ssm.send(
      new PutParameterCommand({
        Name: parameterName,
        Value: 'false',
        Type: 'String',
        Overwrite: true,
      }),
    );
    return {
      ...base,
      status: 'done',
      detail: `automation switch ${parameterName} set to false; resume with: npx brokerguard automation resume --confirm`,
    };
  });
}

/** Scales the configured ECS service to zero tasks, recording the count to restore. */
export function stopEcsService(
  service: AutomationComputeTargets['ecsService'],
  clients: Pick<PlaybookClients, 'ecs'>,
): Promise<StepResult> {
  if (!service) {
    return Promise.resolve({
      step: 'stop-ecs-service',
      status: 'skipped',
      detail: 'no ECS service configured (incident.ecsService)',
    });
  }
  const target = `${service.clusterName}/${service.serviceName}`;
  const base = { step: 'stop-ecs-service', target } as const;
  return neverThrows(base, async () => {
    const described = await clients.ecs.send(
      new DescribeServicesCommand({
        cluster: service.clusterName,
        services: [service.serviceName],
      }),
    );
    const current = described.services?.[0];
    if (!current || current.status === 'INACTIVE') {
      return { ...base, status: 'failed', detail: `ECS service ${target} not found` };
    }
    if (current.desiredCount === 0) {
      return {
        ...base,
        status: 'done',
        detail: `ECS service ${target} already has 0 desired tasks`,
      };
    }
    await clients.ecs.send(
      new UpdateServiceCommand({
        cluster: service.clusterName,
        service: service.serviceName,
        desiredCount: 0,
      }),
    );
    return {
      ...base,
      status: 'done',
      detail: `ECS service ${target} scaled from ${current.desiredCount} to 0 tasks; restore its desired count (${current.desiredCount}) after resuming`,
    };
  });
}

/** Stops the configured EC2 instance (stop, never terminate: the server's disk is evidence). */
export function stopEc2Instance(
  instanceId: string | undefined,
  clients: Pick<PlaybookClients, 'ec2'>,
): Promise<StepResult> {
  if (!instanceId) {
    return Promise.resolve({
      step: 'stop-ec2-instance',
      status: 'skipped',
      detail: 'no EC2 instance configured (incident.ec2InstanceId)',
    });
  }
  const base = { step: 'stop-ec2-instance', target: instanceId } as const;
  return neverThrows(base, async () => {
    const out = await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    const change = out.StoppingInstances?.[0];
    const before = change?.PreviousState?.Name ?? 'unknown';
    const after = change?.CurrentState?.Name ?? 'stopping';
    return {
      ...base,
      status: 'done',
      detail:
        before === 'stopped' || before === 'stopping'
          ? `EC2 instance ${instanceId} was already ${before}`
          : `EC2 instance ${instanceId} ${after} (was ${before})`,
    };
  });
}
