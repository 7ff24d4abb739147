import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/** An ECS service by cluster and service name. */
export interface EcsServiceRef {
  readonly clusterName: string;
  readonly serviceName: string;
}

/** The trading server's compute the automation switch also stops, from config `incident`. */
export interface AutomationCompute {
  /**
   * An ECS service scaled to zero tasks when automation is paused.
   * @default - none
   */
  readonly ecsService?: EcsServiceRef;
  /**
   * An EC2 instance stopped (never terminated) when automation is paused.
   * @default - none
   */
  readonly ec2InstanceId?: string;
}

/**
 * Exactly the calls that stop the configured compute, on exactly its ARNs: nothing when no
 * compute is configured.
 */
export function computeStopStatements(
  scope: IConstruct,
  compute: AutomationCompute,
): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const statements: iam.PolicyStatement[] = [];
  if (compute.ecsService) {
    const { clusterName, serviceName } = compute.ecsService;
    statements.push(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
        resources: [
          stack.formatArn({
            service: 'ecs',
            resource: 'service',
            resourceName: `${clusterName}/${serviceName}`,
          }),
        ],
      }),
    );
  }
  if (compute.ec2InstanceId) {
    statements.push(
      new iam.PolicyStatement({
        actions: ['ec2:StopInstances'],
        resources: [
          stack.formatArn({
            service: 'ec2',
            resource: 'instance',
            resourceName: compute.ec2InstanceId,
          }),
        ],
      }),
    );
  }
  return statements;
}
