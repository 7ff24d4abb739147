import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import {
  explainAwsError,
  findIncidentOutputs,
  resolveDeploymentName,
} from '../../lib/response/deployment-lookup';

process.env.AWS_REGION = 'eu-west-1';
const cfn = mockClient(CloudFormationClient);
beforeEach(() => cfn.reset());

describe('resolveDeploymentName', () => {
  test('--deployment wins, then cdk.json, then paper', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-lookup-'));
    expect(resolveDeploymentName(undefined, dir)).toBe('paper');
    writeFileSync(
      join(dir, 'cdk.json'),
      JSON.stringify({ context: { brokerguard: { deployment: { name: 'live' } } } }),
    );
    expect(resolveDeploymentName(undefined, dir)).toBe('live');
    expect(resolveDeploymentName('other', dir)).toBe('other');
  });

  test('refuses a name no deployment can have, saying where it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-lookup-'));
    writeFileSync(
      join(dir, 'cdk.json'),
      JSON.stringify({ context: { brokerguard: { deployment: { name: 7 } } } }),
    );
    expect(() => resolveDeploymentName(undefined, dir)).toThrow(
      /cdk.json context brokerguard.deployment.name: got 7/,
    );
  });
});

describe('findIncidentOutputs', () => {
  test('reads the state machine and the switch from the stack outputs', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'brokerguard-paper',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'BrokerGuardIncidentStateMachineArn', OutputValue: 'arn:sm' },
            { OutputKey: 'BrokerGuardAutomationSwitchParameter', OutputValue: '/p' },
          ],
        },
      ],
    });
    await expect(findIncidentOutputs(new CloudFormationClient({}), 'paper')).resolves.toEqual({
      stackName: 'brokerguard-paper',
      stateMachineArn: 'arn:sm',
      switchParameterName: '/p',
    });
  });

  test('a stack deployed without incident response is named', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'brokerguard-paper',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [],
        },
      ],
    });
    await expect(findIncidentOutputs(new CloudFormationClient({}), 'paper')).rejects.toThrow(
      /stack brokerguard-paper has no output BrokerGuardIncidentStateMachineArn/,
    );
  });

  test('a missing stack names the deployment and the region', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id brokerguard-x does not exist'), {
        name: 'ValidationError',
      }),
    );
    await expect(findIncidentOutputs(new CloudFormationClient({}), 'x')).rejects.toThrow(
      /deployment "x" does not exist in eu-west-1/,
    );
  });
});

describe('explainAwsError', () => {
  test('names expired credentials and a missing region', () => {
    expect(
      explainAwsError(Object.assign(new Error('x'), { name: 'ExpiredToken' }), 'paper').message,
    ).toMatch(/sign in again with MFA/);
    expect(explainAwsError(new Error('Region is missing'), 'paper').message).toMatch(
      /pass --region or set AWS_REGION/,
    );
    const other = new Error('Throttled');
    expect(explainAwsError(other, 'paper')).toBe(other);
  });
});
