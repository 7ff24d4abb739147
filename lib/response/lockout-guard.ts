import { Duration, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { TAG_ROLE_KIND, TAG_SEGMENT } from '../contracts';
import { AutomationSwitchParameter } from './automation-switch-parameter';
import { AutomationCompute, computeStopStatements } from './compute-permissions';
import { HANDLER_RUNTIME, handlerCode } from '../handler-code';
import { acknowledgeAlertKeyUse } from './incident-acknowledgements';
import type { IIncidentAlerts } from './incident-response';

export interface LockoutGuardProps {
  /** Alarms whose ALARM state pauses automation: lock-out risk and failed-login burst. */
  readonly alarms: cloudwatch.IAlarm[];
  readonly automationSwitch: AutomationSwitchParameter;
  /** The alert channel (AlertChannel fits): the guard says there what it did. */
  readonly alerts: IIncidentAlerts;
  /** The segment that owns the guard function and its log group. */
  readonly adminSegment: AccessSegment;
  /** @default - only the switch is turned off */
  readonly compute?: AutomationCompute;
}

/**
 * When a lock-out alarm fires, turns the automation switch off (and stops the configured
 * compute) so retry loops cannot lock the broker account; it never turns it back on.
 */
export class LockoutGuard extends Construct {
  public readonly function: lambda.Function;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: LockoutGuardProps) {
    super(scope, id);
    if (props.alarms.length === 0) {
      throw new BrokerGuardError(
        'LOCKOUT_GUARD_ALARMS',
        `LockoutGuard ${this.node.path}: alarms is empty; give it the lock-out-risk and failed-login-burst alarms`,
      );
    }
    const compute = props.compute ?? {};
    const logGroup = props.adminSegment.createLogGroup('LockoutGuardLog', {
      purpose: 'lockout-guard',
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description:
        'brokerguard lock-out guard: turns the automation switch off, stops the configured compute',
    });
    Tags.of(role).add(TAG_SEGMENT, props.adminSegment.segmentName);
    Tags.of(role).add(TAG_ROLE_KIND, 'function');
    this.function = new lambda.Function(this, 'Function', {
      runtime: HANDLER_RUNTIME,
      handler: 'index.handler',
      code: handlerCode('lockout-guard'),
      role,
      timeout: Duration.seconds(30),
      memorySize: 256,
      logGroup,
      description: 'brokerguard lock-out guard',
      environment: {
        DEPLOYMENT_NAME: props.adminSegment.deploymentName,
        ALERT_TOPIC_ARN: props.alerts.topic.topicArn,
        SWITCH_PARAMETER_NAME: props.automationSwitch.parameterName,
        ...(compute.ecsService
          ? {
              ECS_CLUSTER: compute.ecsService.clusterName,
              ECS_SERVICE: compute.ecsService.serviceName,
            }
          : {}),
        ...(compute.ec2InstanceId ? { EC2_INSTANCE_ID: compute.ec2InstanceId } : {}),
      },
    });
    logGroup.grantWrite(role);
    props.automationSwitch.grantWrite(role);
    props.alerts.grantPublish(role);
    acknowledgeAlertKeyUse(this);
    for (const s of computeStopStatements(this, compute)) role.addToPrincipalPolicy(s);

    this.rule = new events.Rule(this, 'Rule', {
      description:
        'brokerguard: a lock-out alarm fired; pause automation before retries lock the broker account',
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        resources: props.alarms.map((a) => a.alarmArn),
        detail: { state: { value: ['ALARM'] } },
      },
      targets: [
        new targets.LambdaFunction(this.function, {
          retryAttempts: 4,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
  }
}
