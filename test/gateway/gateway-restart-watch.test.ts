import { Match } from 'aws-cdk-lib/assertions';
import { template } from '../helpers/stack';
import { gatewayStack } from './gateway-fixture';

describe('GatewayRestartWatch', () => {
  test('each unexpected task stop is reported to the alert topic with its reason', () => {
    const g = gatewayStack();
    g.host();
    const topicId = g.stack.resolve((g.alerts.topic.node.defaultChild as any).logicalId);
    template(g.stack).hasResourceProperties('AWS::Events::Rule', {
      Name: 'brokerguard-paper-gateway-task-stopped',
      Targets: [
        Match.objectLike({
          Arn: { Ref: topicId },
          InputTransformer: Match.objectLike({
            InputPathsMap: Match.objectLike({
              'detail-stoppedReason': '$.detail.stoppedReason',
              'detail-taskArn': '$.detail.taskArn',
            }),
            InputTemplate: Match.stringLikeRegexp('runbook-gateway-task-stopped'),
          }),
        }),
      ],
    });
  });

  test('the restart-loop alarm reports to the alert channel, default threshold 3 an hour', () => {
    const g = gatewayStack();
    g.host();
    const topicId = g.stack.resolve((g.alerts.topic.node.defaultChild as any).logicalId);
    template(g.stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'paper-automation-gateway-restart-loop',
      Threshold: 3,
      Period: 3600,
      AlarmActions: [{ Ref: topicId }],
      TreatMissingData: 'notBreaching',
    });
  });

  test('without an alert channel there is no watch', () => {
    const g = gatewayStack();
    const host = g.host({ alerts: undefined });
    expect(host.restartLoopAlarm).toBeUndefined();
    template(g.stack).resourceCountIs('AWS::Events::Rule', 1); // the age check's schedule only
  });
});
