import type { SegmentName } from './segments';

/**
 * How the kit names what it deploys. Every construct, handler, rule and CLI verb builds names
 * here, so a deployment's resources can be found (and policed) by prefix.
 */

/** The IBKR account a deployment trades and its gateway logs in to. */
export enum TradingMode {
  PAPER = 'paper',
  LIVE = 'live',
}
/** The trading modes as the config schema lists them (a test keeps them equal to the enum). */
export const TRADING_MODES = ['paper', 'live'] as const;

/** A deployment name: 2–24 characters, lowercase letters, digits and dashes, a letter first. */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,23}$/;
export const DEPLOYMENT_NAME_RULE =
  '2-24 characters: lowercase letters, digits and dashes, starting with a letter';

/** A credential's short name: 2–40 characters, lowercase letters, digits and dashes. */
export const CREDENTIAL_NAME_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const CREDENTIAL_NAME_RULE =
  '2-40 characters: lowercase letters, digits and dashes, starting with a letter';

/** The prefix of every named resource of a deployment: `brokerguard-<deployment>`. */
export function resourcePrefix(deployment: string): string {
  return `brokerguard-${deployment}`;
}

/** `brokerguard-<deployment>-<suffix>`: topics, rules, tables, dashboards, state machines. */
export function resourceName(deployment: string, suffix: string): string {
  return `${resourcePrefix(deployment)}-${suffix}`;
}

/** The default app's stack name for a deployment. */
export function stackName(deployment: string): string {
  return resourcePrefix(deployment);
}

/** `<deployment>/<segment>/<name>`: a segment secret's name. */
export function secretName(deployment: string, segment: SegmentName, name: string): string {
  return `${deployment}/${segment}/${name}`;
}

/** `<deployment>/<segment>/`: the name prefix of every secret of a segment. */
export function secretNamePrefix(deployment: string, segment: SegmentName): string {
  return `${deployment}/${segment}/`;
}

/** `/brokerguard/<deployment>/<segment>/`: the name prefix of a segment's log groups. */
export function logGroupPrefix(deployment: string, segment?: SegmentName): string {
  return segment ? `/brokerguard/${deployment}/${segment}/` : `/brokerguard/${deployment}/`;
}

/** `/brokerguard/<deployment>/<segment>/<purpose>`: a segment log group. */
export function logGroupName(deployment: string, segment: SegmentName, purpose: string): string {
  return `${logGroupPrefix(deployment, segment)}${purpose}`;
}

/** `alias/brokerguard/<deployment>/<segment>`: a segment key's alias. */
export function keyAlias(deployment: string, segment: SegmentName): string {
  return `alias/brokerguard/${deployment}/${segment}`;
}

/**
 * `<deployment>-<segment>-<key>` (or `<deployment>-<key>` for a deployment-wide alarm): the
 * alarm naming convention the policy pack reads.
 */
export function alarmName(deployment: string, key: string, segment?: SegmentName): string {
  return segment ? `${deployment}-${segment}-${key}` : `${deployment}-${key}`;
}

/**
 * The SSM parameter of a deployment's automation switch: `true` lets the trading server log in
 * and trade, anything else stops it.
 */
export function automationSwitchParameterName(deployment: string): string {
  return `/brokerguard/${deployment}/automation/enabled`;
}

/** `brokerguard-<deployment>-incident`: the incident playbook's state machine. */
export function incidentStateMachineName(deployment: string): string {
  return resourceName(deployment, 'incident');
}

/** `brokerguard-<deployment>-alerts`: the out-of-band alert topic. */
export function alertTopicName(deployment: string): string {
  return resourceName(deployment, 'alerts');
}

/** `brokerguard-<deployment>`: the deployment's CloudWatch dashboard. */
export function dashboardName(deployment: string): string {
  return resourcePrefix(deployment);
}

/**
 * The CDK bootstrap qualifier of `cdk bootstrap` without `--qualifier`: it names the roles the
 * bootstrap stack creates.
 */
export const CDK_DEFAULT_QUALIFIER = 'hnb659fds';

/**
 * The ARN pattern of the CloudFormation execution role that `cdk bootstrap` creates
 * (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`), in any partition and account: the
 * role that deploys every CDK stack, and so the one deployer organization guardrails spare.
 */
export function cdkExecRoleArnPattern(qualifier: string = CDK_DEFAULT_QUALIFIER): string {
  return `arn:*:iam::*:role/cdk-${qualifier}-cfn-exec-role-*`;
}

/** The gateway host's ECS cluster: `brokerguard-<deployment>-gateway`. */
export function gatewayClusterName(deployment: string): string {
  return resourceName(deployment, 'gateway');
}

/** The gateway host's ECS service (in its own cluster): `brokerguard-<deployment>-gateway`. */
export function gatewayServiceName(deployment: string): string {
  return resourceName(deployment, 'gateway');
}

/**
 * The awslogs stream prefix of the gateway container: streams are
 * `gateway/<container>/<task id>`, so each task is one device to the classifier.
 */
export const GATEWAY_LOG_STREAM_PREFIX = 'gateway';

/**
 * The JSON keys of a gateway login secret (a ManualCredential of class password):
 * `{"username": "...", "password": "..."}`.
 */
export const GATEWAY_LOGIN_FIELDS = { username: 'username', password: 'password' } as const;
