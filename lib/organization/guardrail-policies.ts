import {
  alarmName,
  alertTopicName,
  ORGANIZATION_POLICY_MAX_CHARACTERS,
  resourceName,
  TAG_KEY_PREFIX,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../contracts';
import { BrokerGuardError } from '../errors';

/**
 * The documents of the organization guardrails, as plain JSON: no aws-cdk-lib, so tests (and
 * a reader) can evaluate them as AWS would.
 *
 * Who is spared. A guardrail holds "outside the kit's own roles": every Deny below spares
 * - the deployer: the CloudFormation execution role (by ARN pattern), which deploys, updates
 *   and deletes the kit's stacks; and
 * - the kit's roles: principals tagged `brokerguard:role-kind` (the segment roles and the
 *   functions they own, each bounded by its own identity policy and permissions boundary).
 * Role names cannot mark the kit's roles: CloudFormation generates them from the stack name
 * and truncates to 64 characters, so a name prefix is not guaranteed. Tags are, and the same
 * SCP keeps them honest: outside the deployer and the kit's roles nobody may add, change or
 * remove a `brokerguard:` tag on a secret, key, role or user, create a role or user with one,
 * or pass one as a session tag; and nobody may change or pass the kit's function roles.
 */

/** An IAM policy statement as AWS Organizations takes it. */
export interface GuardrailStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Principal?: '*';
  readonly Action: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document (`Version` 2012-10-17). */
export interface GuardrailDocument {
  readonly Version: '2012-10-17';
  readonly Statement: GuardrailStatement[];
}

/** One organization policy: its name, type, description and document. */
export interface GuardrailPolicy {
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  readonly description: string;
  readonly document: GuardrailDocument;
}

/** What the documents are built from (validated by OrganizationGuardrails). */
export interface GuardrailInputs {
  /** Prefixes the policy names. */
  readonly name: string;
  /** The deployments whose alarms, rules and alert topic are protected by name. */
  readonly deploymentNames: readonly string[];
  /** ARN patterns of the roles that deploy the kit's stacks. */
  readonly deployerRoleArnPatterns: readonly string[];
  /** With an organization id, also the resource control policy. */
  readonly organizationId?: string;
}

/** Actions on a segment secret or key that disable, cancel, delete or re-policy it. */
export const SEGMENT_RESOURCE_ACTIONS = [
  'secretsmanager:CancelRotateSecret',
  'secretsmanager:RotateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:UpdateSecret',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
];

/** Actions that add, change or remove tags (or create an identity carrying tags). */
export const TAGGING_ACTIONS = [
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
  'kms:TagResource',
  'kms:UntagResource',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:CreateRole',
  'iam:CreateUser',
  'sts:TagSession',
];

/** Actions that change what a kit role may do or who may use it. */
export const KIT_ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UpdateRole',
  'iam:DeleteRole',
];

/** Actions that stop, delete or narrow a CloudTrail trail. */
export const TRAIL_ACTIONS = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
];

/** Actions that delete, silence or rewrite the kit's alarms, detection rules and alert topic. */
export const DETECTION_ACTIONS = [
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:PutMetricAlarm',
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:RemoveTargets',
  'events:PutTargets',
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'sns:RemovePermission',
  'sns:Unsubscribe',
];

/** What the resource control policy keeps inside the organization: reading a segment's data. */
export const PERIMETER_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:CreateGrant',
];

/**
 * The two conditions every SCP statement carries: the caller is neither the deployer nor one
 * of the kit's roles. (Conditions in one statement must all hold for the Deny to apply.)
 */
function outsideKitRoles(
  deployers: readonly string[],
): Record<string, Record<string, string | string[]>> {
  return {
    ArnNotLike: { 'aws:PrincipalArn': [...deployers] },
    Null: { [`aws:PrincipalTag/${TAG_ROLE_KIND}`]: 'true' },
  };
}

function withOutside(
  deployers: readonly string[],
  extra: Record<string, Record<string, string | string[]>>,
): Record<string, Record<string, string | string[]>> {
  const base = outsideKitRoles(deployers);
  const merged: Record<string, Record<string, string | string[]>> = { ...base };
  for (const [op, body] of Object.entries(extra)) merged[op] = { ...merged[op], ...body };
  return merged;
}

/** ARN patterns of the deployments' named alarms, detection rules and alert topics. */
export function detectionResourceArns(deploymentNames: readonly string[]): string[] {
  return deploymentNames.flatMap((d) => [
    `arn:*:cloudwatch:*:*:alarm:${alarmName(d, '*')}`,
    `arn:*:events:*:*:rule/${resourceName(d, '*')}`,
    `arn:*:sns:*:*:${alertTopicName(d)}`,
    // A subscription's ARN is the topic's ARN and an id.
    `arn:*:sns:*:*:${alertTopicName(d)}:*`,
  ]);
}

/** The SCP that protects segment secrets, keys, the kit's tags and the kit's roles. */
export function credentialsPolicy(inputs: GuardrailInputs): GuardrailPolicy {
  const d = inputs.deployerRoleArnPatterns;
  return {
    name: `${inputs.name}-protect-credentials`,
    type: 'SERVICE_CONTROL_POLICY',
    description:
      'brokerguard: only the deployer and the kit roles may disable, delete or re-policy segment secrets and keys, change brokerguard tags, or change kit roles',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ProtectSegmentSecretsAndKeys',
          Effect: 'Deny',
          Action: SEGMENT_RESOURCE_ACTIONS,
          Resource: '*',
          Condition: withOutside(d, {
            Null: { [`aws:ResourceTag/${TAG_SEGMENT}`]: 'false' },
          }),
        },
        {
          Sid: 'ProtectKitTags',
          Effect: 'Deny',
          Action: TAGGING_ACTIONS,
          Resource: '*',
          Condition: withOutside(d, {
            'ForAnyValue:StringLike': { 'aws:TagKeys': `${TAG_KEY_PREFIX}*` },
          }),
        },
        {
          Sid: 'ProtectKitRoles',
          Effect: 'Deny',
          Action: KIT_ROLE_ACTIONS,
          Resource: '*',
          Condition: withOutside(d, {
            Null: { [`aws:ResourceTag/${TAG_ROLE_KIND}`]: 'false' },
          }),
        },
        {
          // A function role handed to a new function or instance would carry its rights out.
          Sid: 'PassKitFunctionRolesOnlyByDeployer',
          Effect: 'Deny',
          Action: ['iam:PassRole'],
          Resource: '*',
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': [...d] },
            StringEquals: { [`aws:ResourceTag/${TAG_ROLE_KIND}`]: 'function' },
          },
        },
      ],
    },
  };
}

/** The SCP that keeps the detection path: trails, the kit's alarms, rules, topic, the org. */
export function detectionPolicy(inputs: GuardrailInputs): GuardrailPolicy {
  const d = inputs.deployerRoleArnPatterns;
  return {
    name: `${inputs.name}-protect-detection`,
    type: 'SERVICE_CONTROL_POLICY',
    description:
      'brokerguard: only the deployer and the kit roles may stop CloudTrail or delete the kit alarms, rules and alert topic; no account leaves the organization',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ProtectTrails',
          Effect: 'Deny',
          Action: TRAIL_ACTIONS,
          Resource: '*',
          Condition: outsideKitRoles(d),
        },
        {
          Sid: 'ProtectKitDetections',
          Effect: 'Deny',
          Action: DETECTION_ACTIONS,
          Resource: detectionResourceArns(inputs.deploymentNames),
          Condition: outsideKitRoles(d),
        },
        {
          Sid: 'StayInOrganization',
          Effect: 'Deny',
          Action: ['organizations:LeaveOrganization'],
          Resource: '*',
        },
      ],
    },
  };
}

/**
 * The RCP: a segment secret or key (tagged `brokerguard:segment`) answers reads only to
 * principals of the organization and to AWS services acting for it (CloudWatch Logs and SNS
 * encrypting with a segment key, say).
 */
export function perimeterPolicy(
  inputs: GuardrailInputs & { organizationId: string },
): GuardrailPolicy {
  return {
    name: `${inputs.name}-segment-perimeter`,
    type: 'RESOURCE_CONTROL_POLICY',
    description:
      'brokerguard: segment secrets and keys are readable only from inside the organization',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SegmentDataStaysInOrganization',
          Effect: 'Deny',
          Principal: '*',
          Action: PERIMETER_ACTIONS,
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': inputs.organizationId },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
            Null: { [`aws:ResourceTag/${TAG_SEGMENT}`]: 'false' },
          },
        },
      ],
    },
  };
}

/** The document as AWS Organizations counts it when sent minified. */
export function minifiedSize(document: GuardrailDocument): number {
  return JSON.stringify(document).length;
}

/**
 * Every policy of the guardrails, each checked against the 5,120-character quota: a larger
 * one throws BrokerGuardError POLICY_TOO_LARGE naming it and its size.
 */
export function guardrailPolicies(inputs: GuardrailInputs): GuardrailPolicy[] {
  const policies = [credentialsPolicy(inputs), detectionPolicy(inputs)];
  if (inputs.organizationId !== undefined) {
    policies.push(perimeterPolicy({ ...inputs, organizationId: inputs.organizationId }));
  }
  for (const p of policies) {
    const size = minifiedSize(p.document);
    if (size > ORGANIZATION_POLICY_MAX_CHARACTERS) {
      throw new BrokerGuardError(
        'POLICY_TOO_LARGE',
        `OrganizationGuardrails: policy ${p.name} is ${size} characters minified; AWS Organizations allows at most ${ORGANIZATION_POLICY_MAX_CHARACTERS} (${inputs.deploymentNames.length} deploymentNames, ${inputs.deployerRoleArnPatterns.length} deployerRoleArnPatterns): split the deployments across two OrganizationGuardrails with different names`,
      );
    }
  }
  return policies;
}
