import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { GATEWAY_RESTART_LOOP_TEXT, GATEWAY_TASK_STOPPED_TEXT, resourceName } from '../contracts';
import { LoginAlarmFactory } from '../monitoring/login-alarm-factory';

export interface GatewayRestartWatchProps {
  readonly cluster: ecs.ICluster;
  readonly serviceName: string;
  readonly alerts: AlertChannel;
  /** Stops in one hour that raise the alarm. */
  readonly maxStopsPerHour: number;
}

/**
 * Every stop of a gateway task other than a scale-down (an exit, a crash, a failed health
 * check, a task that never started) is one more login at IBKR when ECS replaces it. An
 * EventBridge rule tells the alert channel why each task stopped; an alarm on the rule's
 * invocations counts them, and the host hands it to the lock-out guard, which pauses automation
 * and scales the service to zero before a restart loop locks the account.
 */
export class GatewayRestartWatch extends Construct {
  public readonly rule: events.Rule;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: GatewayRestartWatchProps) {
    super(scope, id);
    const deployment = props.alerts.deploymentName;
    const field = (path: string) => events.EventField.fromPath(path);
    // brokerguard-<deployment>-*: the alert topic's policy admits rules of this deployment only.
    const ruleName = resourceName(deployment, 'gateway-task-stopped');
    this.rule = new events.Rule(this, 'TaskStopped', {
      ruleName,
      description: `brokerguard: ${GATEWAY_TASK_STOPPED_TEXT.title}`,
      eventPattern: {
        source: ['aws.ecs'],
        detailType: ['ECS Task State Change'],
        detail: {
          clusterArn: [props.cluster.clusterArn],
          group: [`service:${props.serviceName}`],
          lastStatus: ['STOPPED'],
          // A scale-down (pause, lock-out guard, deployment) is not a restart.
          stoppedReason: [{ 'anything-but': { prefix: 'Scaling activity initiated by' } }],
        },
      },
      targets: [
        props.alerts.ruleTarget(
          events.RuleTargetInput.fromMultilineText(
            props.alerts.format({
              ...GATEWAY_TASK_STOPPED_TEXT,
              segment: 'automation',
              detail: [
                `task ${field('$.detail.taskArn')}`,
                `stopped: ${field('$.detail.stoppedReason')}`,
                `(${field('$.detail.stopCode')}) at ${field('$.time')}`,
              ].join(' '),
            }),
          ),
        ),
      ],
    });
    const stops = new cloudwatch.Metric({
      namespace: 'AWS/Events',
      metricName: 'Invocations',
      dimensionsMap: { RuleName: ruleName },
      statistic: 'Sum',
      period: Duration.hours(1),
    });
    this.alarm = new LoginAlarmFactory(this, props.alerts).create('RestartLoop', {
      key: 'gateway-restart-loop',
      segment: 'automation',
      metric: stops,
      threshold: props.maxStopsPerHour,
      text: GATEWAY_RESTART_LOOP_TEXT(props.maxStopsPerHour),
    });
  }
}
