// bundle-external: @aws-sdk/client-ec2 -- its model alone is 540 KB minified; StopInstances is a stable call the runtime's SDK makes the same way
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { formatAlert } from '../contracts/alert-message';
import { AutomationComputeTargets, StepResult } from './playbook';
import { pauseAutomation, stopEc2Instance, stopEcsService } from './steps/pause-automation';
import { describeError } from './steps/step';

/** The part of EventBridge's "CloudWatch Alarm State Change" event the guard reads. */
export interface AlarmStateChangeEvent {
  readonly detail?: { readonly alarmName?: string; readonly state?: { readonly value?: string } };
}

/** The guard's settings, from its environment. */
export interface LockoutGuardSettings extends AutomationComputeTargets {
  readonly deploymentName: string;
  readonly alertTopicArn: string;
}

export interface LockoutGuardClients {
  readonly ssm: SSMClient;
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
  readonly sns: SNSClient;
}

/** Reads the settings the construct puts in the function's environment. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): LockoutGuardSettings {
  const need = (key: string): string => {
    const v = env[key];
    if (!v) throw new Error(`lock-out guard: environment variable ${key} is not set`);
    return v;
  };
  return {
    deploymentName: need('DEPLOYMENT_NAME'),
    alertTopicArn: need('ALERT_TOPIC_ARN'),
    switchParameterName: need('SWITCH_PARAMETER_NAME'),
    ...(env.ECS_CLUSTER && env.ECS_SERVICE
      ? { ecsService: { clusterName: env.ECS_CLUSTER, serviceName: env.ECS_SERVICE } }
      : {}),
    ...(env.EC2_INSTANCE_ID ? { ec2InstanceId: env.EC2_INSTANCE_ID } : {}),
  };
}

/**
 * Turns automation off when a lock-out alarm fires, before a retry loop locks the broker
 * account, and says so on the alert channel. It never turns automation back on: that is a
 * deliberate admin action.
 */
export async function runLockoutGuard(
  event: AlarmStateChangeEvent,
  settings: LockoutGuardSettings,
  clients: LockoutGuardClients,
): Promise<StepResult[]> {
  const alarm = event.detail?.alarmName ?? 'unknown alarm';
  if (event.detail?.state?.value !== 'ALARM') {
    // The rule matches ALARM only; anything else reaching here is not a reason to pause.
    return [];
  }
  const steps = await Promise.all([
    pauseAutomation(settings.switchParameterName, clients),
    stopEcsService(settings.ecsService, clients),
    stopEc2Instance(settings.ec2InstanceId, clients),
  ]);
  const failed = steps.filter((s) => s.status === 'failed');
  const header = formatAlert({
    title:
      failed.length === 0
        ? 'lock-out guard paused automation'
        : 'lock-out guard could NOT fully pause automation',
    segment: 'automation',
    category: 'identity',
    deployment: settings.deploymentName,
    detail: `alarm ${alarm} fired`,
    firstStep:
      failed.length === 0
        ? 'find why logins fail before anything retries; an admin resumes automation deliberately.'
        : 'stop the trading server by hand now, before its retries lock the broker account.',
    runbookAnchor: 'runbook-lockout-guard',
  });
  const body = steps.map((s) => `  ${s.status.toUpperCase()} ${s.step}: ${s.detail}`).join('\n');
  try {
    await clients.sns.send(
      new PublishCommand({
        TopicArn: settings.alertTopicArn,
        Subject: `BrokerGuard [${settings.deploymentName}] lock-out guard paused automation`.slice(
          0,
          100,
        ),
        Message: `${header}\n\n${body}\n`,
      }),
    );
  } catch (err) {
    // The alarm itself already notified the channel; log and carry on.
    console.error(`lock-out guard: cannot publish to the alert topic: ${describeError(err)}`);
  }
  return steps;
}

let clients: LockoutGuardClients | undefined;

export async function handler(event: AlarmStateChangeEvent): Promise<StepResult[]> {
  clients ??= {
    ssm: new SSMClient({}),
    ecs: new ECSClient({}),
    ec2: new EC2Client({}),
    sns: new SNSClient({}),
  };
  const steps = await runLockoutGuard(event, settingsFromEnv(process.env), clients);
  const failed = steps.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    // A failed pause must show as a failed invocation: EventBridge retries it and the
    // function's error metric records it.
    throw new Error(`lock-out guard: ${failed.map((s) => `${s.step}: ${s.detail}`).join('; ')}`);
  }
  return steps;
}
