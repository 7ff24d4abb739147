import { Aws, CfnOutput, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import {
  FARGATE_TASK_SIZES,
  GATEWAY_LOG_STREAM_PREFIX,
  GATEWAY_LOGIN_FIELDS,
  gatewayClusterName,
  gatewayServiceName,
  GATEWAY_SETTING_NAME,
  TAG_SEGMENT,
} from '../contracts';
import { BrokerGuardError } from '../errors';
import {
  OUTPUT_GATEWAY_CLUSTER,
  OUTPUT_GATEWAY_LOGIN_SECRET,
  OUTPUT_GATEWAY_SERVICE,
} from '../response/stack-outputs';
import { AccessSegment } from '../segments/access-segment';
import { SegmentSecret } from '../segments/segment-secret';
import { GATEWAY_DEFAULTS } from './gateway-defaults';
import { GatewayNetwork, StrategyAccess } from '../contracts/gateway';
import { TradingMode } from '../contracts/names';
import { GatewayImage } from './gateway-image';
import { gatewayPlacement } from './gateway-network';
import { GatewayRestartWatch } from './gateway-restart-watch';

export interface GatewayHostProps {
  /** The automation segment: its role is the task role, so its permissions boundary applies. */
  readonly segment: AccessSegment;
  /**
   * The login credential's secret (a ManualCredential of class password in the same segment),
   * JSON `{"username": ..., "password": ...}`. Passed to the container as ECS secrets only.
   */
  readonly loginSecret: SegmentSecret;
  /**
   * Where the container logs (awslogs, stream prefix `gateway`): the automation login log
   * group the classifier reads, so device registry and alarms see every task.
   */
  readonly logGroup: logs.ILogGroup;
  /** Paper or live: from the deployment's trading mode. */
  readonly tradingMode: TradingMode;
  /** @default GatewayImage.ibc() */
  readonly image?: GatewayImage;
  /** @default - a two-AZ VPC made for `network` */
  readonly vpc?: ec2.IVpc;
  /** @default GatewayNetwork.PUBLIC_SUBNETS */
  readonly network?: GatewayNetwork;
  /** @default StrategyAccess.SECURITY_GROUP */
  readonly strategyAccess?: StrategyAccess;
  /** Task CPU units. @default 1024 */
  readonly cpu?: number;
  /** Task memory, a size Fargate allows for `cpu`. @default 2048 */
  readonly memoryMiB?: number;
  /**
   * @default - what the image supports (GatewayImage.supportsReadOnlyRootFilesystem)
   */
  readonly readOnlyRootFilesystem?: boolean;
  /** Tasks at deploy time. @default 0 (paused: `brokerguard automation resume` starts it) */
  readonly desiredCount?: number;
  /**
   * Where task stops and the restart-loop alarm report.
   * @default - no restart watch (and nothing for the lock-out guard to count)
   */
  readonly alerts?: AlertChannel;
  /** Task stops in a clock hour that raise the restart-loop alarm. @default 3 */
  readonly maxTaskStopsPerHour?: number;
  /** Extra non-secret container settings. @default - none */
  readonly environment?: { [name: string]: string };
}

/**
 * The isolated gateway host: one Fargate task of IB Gateway + IBC or IBeam, running as the
 * automation role, with its login only as Secrets Manager references, no inbound path from the
 * world, logs into the login classifier, and desired count 0 until an admin resumes it.
 */
export class GatewayHost extends Construct {
  public readonly cluster: ecs.Cluster;
  public readonly service: ecs.FargateService;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly vpc: ec2.IVpc;
  /** The gateway task's security group: no ingress except from the strategy group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Attach this to the strategy (task or instance) to reach the API port. Absent for sidecars. */
  public readonly strategySecurityGroup?: ec2.SecurityGroup;
  /** Pulls the image, writes the log, and reads the login secret for ECS; nothing else. */
  public readonly executionRole: iam.Role;
  /** The port the strategy connects to (on 127.0.0.1 for a sidecar). */
  public readonly apiPort: number;
  public readonly clusterName: string;
  public readonly serviceName: string;
  /** The alarm the lock-out guard watches (absent without `alerts`). */
  public readonly restartLoopAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: GatewayHostProps) {
    super(scope, id);
    const where = `GatewayHost ${this.node.path}`;
    validate(where, props);
    const segment = props.segment;
    const image = props.image ?? GatewayImage.ibc();
    const mode = props.tradingMode;
    const access = props.strategyAccess ?? StrategyAccess.SECURITY_GROUP;
    const readOnly = props.readOnlyRootFilesystem ?? image.supportsReadOnlyRootFilesystem;
    const deployment = segment.deploymentName;
    this.clusterName = gatewayClusterName(deployment);
    this.serviceName = gatewayServiceName(deployment);
    Tags.of(this).add(TAG_SEGMENT, segment.segmentName);

    const placement = gatewayPlacement(
      this,
      props.network ?? GatewayNetwork.PUBLIC_SUBNETS,
      segment,
      props.vpc,
    );
    this.vpc = placement.vpc;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: this.clusterName,
      vpc: this.vpc,
      containerInsightsV2: ecs.ContainerInsights.DISABLED,
    });
    Validations.of(this.cluster).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ECS4',
      reason:
        'One gateway task: its health is watched through its login events (heartbeat, session-expired alarms) and the restart-loop alarm on task stops; Container Insights would bill a dozen custom metrics for nothing more.',
    });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: `brokerguard ${deployment}: starts the gateway task (image, log, login secret for ECS)`,
    });
    // ECS, not the container, reads the login secret: the execution role joins the segment so
    // the secret's deny-outside-segment policy and the segment key admit it.
    segment.addMember(
      this.executionRole,
      'ECS reads the gateway login secret with the task execution role to inject it as container secrets',
      { secretNames: [props.loginSecret.fullName] },
    );

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? GATEWAY_DEFAULTS.cpu,
      memoryLimitMiB: props.memoryMiB ?? GATEWAY_DEFAULTS.memoryMiB,
      taskRole: segment.role,
      executionRole: this.executionRole,
      family: this.serviceName,
    });

    const secretEnv = (field: string) => ecs.Secret.fromSecretsManager(props.loginSecret, field);
    const hc = GATEWAY_DEFAULTS.healthCheck;
    this.apiPort =
      access === StrategyAccess.SIDECAR ? image.localApiPort(mode) : image.apiPort(mode);
    this.container = this.taskDefinition.addContainer('Gateway', {
      containerName: 'gateway',
      image: ecs.ContainerImage.fromRegistry(image.reference),
      essential: true,
      environment: { ...image.environment(mode), ...(props.environment ?? {}) },
      secrets: {
        [image.usernameVariable]: secretEnv(GATEWAY_LOGIN_FIELDS.username),
        [image.passwordVariable]: secretEnv(GATEWAY_LOGIN_FIELDS.password),
      },
      logging: ecs.LogDrivers.awsLogs({
        logGroup: props.logGroup,
        streamPrefix: GATEWAY_LOG_STREAM_PREFIX,
        // Non-blocking, so a slow log API never stalls the gateway; the buffer holds bursts.
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
      }),
      readonlyRootFilesystem: readOnly,
      stopTimeout: GATEWAY_DEFAULTS.stopTimeout,
      // No in-place restarts: every restart is a new task, which the restart watch counts.
      enableRestartPolicy: false,
      healthCheck: image.healthCheckCommand
        ? {
            command: ['CMD-SHELL', image.healthCheckCommand],
            startPeriod: hc.startPeriod,
            interval: hc.interval,
            timeout: hc.timeout,
            retries: hc.retries,
          }
        : undefined,
      portMappings:
        access === StrategyAccess.SECURITY_GROUP
          ? [{ containerPort: this.apiPort, protocol: ecs.Protocol.TCP }]
          : [],
    });
    if (readOnly) {
      this.taskDefinition.addVolume({ name: 'tmp' });
      this.container.addMountPoints({
        sourceVolume: 'tmp',
        containerPath: '/tmp',
        readOnly: false,
      });
    }
    Tags.of(this.taskDefinition).add(TAG_SEGMENT, segment.segmentName);
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ECS2',
      reason:
        'Only non-secret settings are environment variables (trading mode, second-factor behaviour); the login comes from Secrets Manager as ECS secrets, and BG-SEC-3 refuses a secret-named variable with a literal value.',
    });
    if (!readOnly) {
      Validations.of(this.taskDefinition).acknowledge({
        id: `BrokerGuardChecks::BG-ECS-2[Container::${this.container.containerName}]`,
        reason: `Writable root filesystem: ${props.readOnlyRootFilesystem === false && image.supportsReadOnlyRootFilesystem ? 'configured (readOnlyRootFilesystem: false)' : image.readOnlyReason}.`,
      });
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: `brokerguard ${deployment}: gateway host; no ingress from the world, egress to IBKR and AWS`,
      allowAllOutbound: true,
    });
    if (access === StrategyAccess.SECURITY_GROUP) {
      this.strategySecurityGroup = new ec2.SecurityGroup(this, 'StrategySecurityGroup', {
        vpc: this.vpc,
        description: `brokerguard ${deployment}: members reach the gateway API port ${this.apiPort}`,
        allowAllOutbound: true,
      });
      this.securityGroup.addIngressRule(
        this.strategySecurityGroup,
        ec2.Port.tcp(this.apiPort),
        'the strategy reaches the gateway API',
      );
    }

    if (props.alerts) {
      const watch = new GatewayRestartWatch(this, 'RestartWatch', {
        cluster: this.cluster,
        serviceName: this.serviceName,
        alerts: props.alerts,
        maxStopsPerHour: props.maxTaskStopsPerHour ?? GATEWAY_DEFAULTS.maxTaskStopsPerHour,
      });
      this.restartLoopAlarm = watch.alarm;
    }

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: this.serviceName,
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? GATEWAY_DEFAULTS.desiredCount,
      assignPublicIp: placement.assignPublicIp,
      vpcSubnets: placement.subnets,
      securityGroups: [this.securityGroup],
      minHealthyPercent: GATEWAY_DEFAULTS.minHealthyPercent,
      maxHealthyPercent: GATEWAY_DEFAULTS.maxHealthyPercent,
      // A deployment whose tasks keep failing stops after a few attempts instead of looping.
      circuitBreaker: { enable: true, rollback: false },
      // A deployment during which the restart loop trips fails, without a rollback that would
      // start yet another login.
      deploymentAlarms: this.restartLoopAlarm
        ? {
            alarmNames: [this.restartLoopAlarm.alarmName],
            behavior: ecs.AlarmBehavior.FAIL_ON_ALARM,
          }
        : undefined,
      enableExecuteCommand: false,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
    });

    new CfnOutput(this, 'ClusterName', {
      value: this.clusterName,
      description: 'brokerguard gateway host cluster (npx brokerguard automation)',
    }).overrideLogicalId(OUTPUT_GATEWAY_CLUSTER);
    new CfnOutput(this, 'ServiceName', {
      value: this.serviceName,
      description: 'brokerguard gateway host service (npx brokerguard automation)',
    }).overrideLogicalId(OUTPUT_GATEWAY_SERVICE);
    new CfnOutput(this, 'LoginSecretName', {
      value: props.loginSecret.fullName,
      description: 'brokerguard gateway login secret: put {"username","password"} before resuming',
    }).overrideLogicalId(OUTPUT_GATEWAY_LOGIN_SECRET);
  }

  /**
   * Lets `grantee` (the admin role) read and change the service's task count, for
   * `brokerguard automation pause/resume`: ecs:DescribeServices and ecs:UpdateService on this
   * service only.
   */
  public grantOperate(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
      resourceArns: [
        Stack.of(this).formatArn({
          service: 'ecs',
          resource: 'service',
          resourceName: `${this.clusterName}/${this.serviceName}`,
        }),
      ],
    });
  }
}

function validate(where: string, props: GatewayHostProps): void {
  const fail = (message: string) => {
    throw new BrokerGuardError('GATEWAY_HOST', `${where}: ${message}`);
  };
  if (props.segment.segmentName !== 'automation') {
    fail(
      `segment must be the automation segment, got "${props.segment.segmentName}": the gateway runs as the trading server`,
    );
  }
  if (props.loginSecret.segment !== props.segment) {
    fail(
      `loginSecret ${props.loginSecret.fullName} belongs to segment ${props.loginSecret.segment.segmentName}; nothing crosses segments`,
    );
  }
  if (props.loginSecret.credentialClass !== 'password') {
    fail(
      `loginSecret ${props.loginSecret.fullName} has class "${props.loginSecret.credentialClass}"; the gateway logs in with a password credential`,
    );
  }
  const cpu = props.cpu ?? GATEWAY_DEFAULTS.cpu;
  const memory = props.memoryMiB ?? GATEWAY_DEFAULTS.memoryMiB;
  const sizes = FARGATE_TASK_SIZES[cpu];
  if (!sizes) {
    fail(`cpu must be one of ${Object.keys(FARGATE_TASK_SIZES).join(', ')}, got ${cpu}`);
  } else if (!sizes.includes(memory)) {
    fail(`memoryMiB ${memory} is not a Fargate size for cpu ${cpu}; allowed: ${sizes.join(', ')}`);
  }
  const desired = props.desiredCount ?? GATEWAY_DEFAULTS.desiredCount;
  if (desired !== 0 && desired !== 1) {
    fail(
      `desiredCount must be 0 (paused) or 1, got ${desired}: two gateways on one login compete for the session`,
    );
  }
  const stops = props.maxTaskStopsPerHour ?? GATEWAY_DEFAULTS.maxTaskStopsPerHour;
  if (!Number.isInteger(stops) || stops < 1 || stops > 20) {
    fail(`maxTaskStopsPerHour must be a whole number from 1 to 20, got ${stops}`);
  }
  for (const name of Object.keys(props.environment ?? {})) {
    if (!GATEWAY_SETTING_NAME.pattern.test(name)) {
      fail(`environment ${JSON.stringify(name)} ${GATEWAY_SETTING_NAME.rule}`);
    }
  }
}
