import { Resources, ref, tags } from '../../world';

/**
 * A compliant gateway host in plain CloudFormation, to add to the hand-written world: a task
 * definition running the IB Gateway image as the automation role, and its service.
 */
export function gatewayWorld(): Resources {
  return {
    GatewayTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        TaskRoleArn: { 'Fn::GetAtt': ['AutomationRole', 'Arn'] },
        ContainerDefinitions: [
          {
            Name: 'gateway',
            Image: 'ghcr.io/gnzsnz/ib-gateway:10.45.1j',
            ReadonlyRootFilesystem: true,
            Environment: [
              { Name: 'TRADING_MODE', Value: 'paper' },
              { Name: 'TWS_PASSWORD_FILE', Value: '/run/secrets/tws_password' },
            ],
            Secrets: [
              {
                Name: 'TWS_PASSWORD',
                ValueFrom: { 'Fn::Join': ['', [ref('SessionSecret'), ':password::']] },
              },
            ],
            PortMappings: [{ ContainerPort: 4004, Protocol: 'tcp' }],
          },
        ],
        Tags: tags({ 'brokerguard:segment': 'automation' }),
      },
    },
    GatewayService: {
      Type: 'AWS::ECS::Service',
      Properties: {
        TaskDefinition: ref('GatewayTask'),
        DesiredCount: 0,
        EnableExecuteCommand: false,
      },
    },
  };
}

/** A task definition that is no gateway: a web server on port 80, untagged. */
export function webTask(): Resources[string] {
  return {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      ContainerDefinitions: [
        {
          Name: 'web',
          Image: 'public.ecr.aws/nginx/nginx:1.27',
          PortMappings: [{ ContainerPort: 80 }],
        },
      ],
    },
  };
}
