import { Stack } from 'aws-cdk-lib';
import { computeStopStatements } from '../../lib/response/compute-permissions';
import { testStack } from '../helpers/stack';

describe('computeStopStatements', () => {
  test('nothing configured, nothing allowed', () => {
    expect(computeStopStatements(testStack(), {})).toEqual([]);
  });

  test('exactly the named ECS service and EC2 instance', () => {
    const stack = testStack();
    const [ecs, ec2] = computeStopStatements(stack, {
      ecsService: { clusterName: 'trading', serviceName: 'bot' },
      ec2InstanceId: 'i-0123456789abcdef0',
    }).map((s) => Stack.of(stack).resolve(s.toStatementJson()));
    expect(ecs.Action).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(JSON.stringify(ecs.Resource)).toContain(':service/trading/bot');
    expect(ec2.Action).toBe('ec2:StopInstances');
    expect(JSON.stringify(ec2.Resource)).toContain(':instance/i-0123456789abcdef0');
  });
});
