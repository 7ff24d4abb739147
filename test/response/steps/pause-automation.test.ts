import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import {
  pauseAutomation,
  stopEc2Instance,
  stopEcsService,
} from '../../../lib/response/steps/pause-automation';
import { dummyAwsEnv, testClients } from '../playbook-fixtures';

dummyAwsEnv();
const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);
const ec2 = mockClient(EC2Client);
beforeEach(() => {
  ssm.reset();
  ecs.reset();
  ec2.reset();
});

describe('pauseAutomation', () => {
  test('sets the switch parameter to false, overwriting', async () => {
    ssm.on(PutParameterCommand).resolves({ Version: 3 });
    const result = await pauseAutomation('/brokerguard/paper/automation/enabled', testClients());
    expect(result.status).toBe('done');
    expect(result.detail).toMatch(/automation resume --confirm/);
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input).toEqual({
      Name: '/brokerguard/paper/automation/enabled',
      Value: 'false',
      Type: 'String',
      Overwrite: true,
    });
  });

  test('a missing parameter is a failure with the reason', async () => {
    ssm
      .on(PutParameterCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const result = await pauseAutomation('/brokerguard/paper/automation/enabled', testClients());
    expect(result).toMatchObject({ status: 'failed', detail: 'AccessDeniedException: denied' });
  });
});

describe('stopEcsService', () => {
  const service = { clusterName: 'trading', serviceName: 'bot' };

  test('is skipped when no service is configured', async () => {
    const result = await stopEcsService(undefined, testClients());
    expect(result).toMatchObject({
      status: 'skipped',
      detail: expect.stringMatching(/incident.ecsService/),
    });
    expect(ecs.calls()).toHaveLength(0);
  });

  test('scales the service to zero and says which count to restore', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 2 }] });
    ecs.on(UpdateServiceCommand).resolves({});
    const result = await stopEcsService(service, testClients());
    expect(result).toMatchObject({ status: 'done', target: 'trading/bot' });
    expect(result.detail).toMatch(/from 2 to 0/);
    expect(ecs.commandCalls(UpdateServiceCommand)[0].args[0].input).toEqual({
      cluster: 'trading',
      service: 'bot',
      desiredCount: 0,
    });
  });

  test('a re-run finds it at zero and changes nothing', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 0 }] });
    const result = await stopEcsService(service, testClients());
    expect(result).toMatchObject({
      status: 'done',
      detail: expect.stringMatching(/already has 0/),
    });
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  test('a service that does not exist is a failure', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: 'MISSING' }] });
    const result = await stopEcsService(service, testClients());
    expect(result).toMatchObject({ status: 'failed', detail: 'ECS service trading/bot not found' });
  });
});

describe('stopEc2Instance', () => {
  test('is skipped when no instance is configured', async () => {
    expect(await stopEc2Instance(undefined, testClients())).toMatchObject({ status: 'skipped' });
  });

  test('stops the instance and says what it was', async () => {
    ec2.on(StopInstancesCommand).resolves({
      StoppingInstances: [
        { PreviousState: { Name: 'running' }, CurrentState: { Name: 'stopping' } },
      ],
    });
    const result = await stopEc2Instance('i-0123456789abcdef0', testClients());
    expect(result).toMatchObject({
      status: 'done',
      detail: 'EC2 instance i-0123456789abcdef0 stopping (was running)',
    });
  });

  test('a re-run on a stopped instance is done, not failed', async () => {
    ec2.on(StopInstancesCommand).resolves({
      StoppingInstances: [
        { PreviousState: { Name: 'stopped' }, CurrentState: { Name: 'stopped' } },
      ],
    });
    const result = await stopEc2Instance('i-0123456789abcdef0', testClients());
    expect(result).toMatchObject({
      status: 'done',
      detail: expect.stringMatching(/already stopped/),
    });
  });

  test('an error is a failure with the reason', async () => {
    ec2
      .on(StopInstancesCommand)
      .rejects(Object.assign(new Error('bad id'), { name: 'InvalidInstanceID.NotFound' }));
    const result = await stopEc2Instance('i-0123456789abcdef0', testClients());
    expect(result).toMatchObject({
      status: 'failed',
      detail: 'InvalidInstanceID.NotFound: bad id',
    });
  });
});
