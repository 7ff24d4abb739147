import {
  AUTOMATION_MAX_SESSION_SECONDS,
  CREDENTIAL_CLASSES,
  GATEWAY_PORTS,
  HUMAN_SEGMENTS,
  MFA_MAX_AGE_LIMIT_SECONDS,
  ROTATION_MAXIMUM_HOURS,
  SECOND_FACTOR_SEGMENTS,
  SEGMENT_NAMES,
  SUPPORTED_LAMBDA_RUNTIMES,
  TAG_CREDENTIAL_CLASS,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../../contracts';
import { GATEWAY_IMAGE } from '../model/tasks';
import { ESCALATION_ACTIONS } from '../rules/iam/NoPrivilegeEscalation';
import {
  acknowledged,
  guardRegex,
  hasTag,
  lacksTag,
  list,
  notAcknowledged,
  quote,
  upTo,
} from './guard-text';

/**
 * The Guard twins of BrokerGuardChecks: for each rule id, the Guard text that checks the same
 * invariant on a CloudFormation template (the deploy-time hook), optionally a Guard policy over
 * an AWS Config configuration item (the run-time custom rule), or the reason no Guard text can.
 * test/policy/guard/twins.test.ts fails when a pack rule has neither.
 */
export interface HookTwin {
  /** `let` lines before the rule; names start with the rule's own prefix. */
  readonly lets: readonly string[];
  /** The variables the rule is about: the rule is skipped when all are empty. */
  readonly over: readonly string[];
  /** true: every clause is judged on each item of `over`; false: once, on the whole. */
  readonly each: boolean;
  readonly clauses: readonly string[];
  /** What the pack judges that this text cannot (cross-resource joins Guard cannot make). */
  readonly partial?: string;
}

/** A Guard policy over a configuration item (`resourceType`, `configuration`, `tags`). */
export interface ConfigTwin {
  readonly resourceTypes: readonly string[];
  readonly lets?: readonly string[];
  readonly clauses: readonly string[];
}

export interface GuardTwin {
  readonly hook?: HookTwin;
  readonly config?: ConfigTwin;
  /** Why no Guard text can check this rule. */
  readonly notPossible?: string;
}

const SECRET = "Type == 'AWS::SecretsManager::Secret'";
const ROLE = "Type == 'AWS::IAM::Role'";
const IDENTITY_WITH_POLICIES = "Type IN ['AWS::IAM::Role', 'AWS::IAM::User']";
const POLICY = "Type IN ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']";
const TASK_DEFINITION = "Type == 'AWS::ECS::TaskDefinition'";
const SERVICE = "Type == 'AWS::ECS::Service'";
/** Environment variable names that end with a secret word (BG-SEC-2, BG-SEC-3). */
const SECRET_VARIABLE_NAME =
  '/(?i)(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/';
/** Values that say where or whether, not what: ARNs, flags, numbers, references, blanks. */
const NOT_A_SECRET_VALUE = '/^arn:|^(?:true|false|\\d+)$|\\{\\{resolve:|^\\s*$/';
/**
 * A segment tag naming a known segment, as the pack reads `brokerguard:segment`. Not
 * `some Tags[...].Value IN`: on a line of its own Guard holds that true of a resource with no tags.
 */
const IN_A_SEGMENT = `Properties.Tags[ Key == ${quote(TAG_SEGMENT)}\n    Value IN ${list(SEGMENT_NAMES)} ] !empty`;

/**
 * `let` lines for the Allow statements of every identity policy not acknowledged for `id`.
 * Identities without inline policies are left out: one of them would leave the query
 * unresolved, and Guard then judges none of the others.
 */
function allowStatements(prefix: string, id: string): string[] {
  return [
    `let ${prefix}_inline = Resources.*[ ${IDENTITY_WITH_POLICIES}\n  Properties.Policies exists\n  ${notAcknowledged(id)}\n].Properties.Policies[*].PolicyDocument.Statement[ Effect == 'Allow' ]`,
    `let ${prefix}_policies = Resources.*[ ${POLICY}\n  ${notAcknowledged(id)}\n].Properties.PolicyDocument.Statement[ Effect == 'Allow' ]`,
  ];
}

/** A block judging each item of `variable` by `clauses`, when it has any. */
function whenAny(variable: string, clauses: readonly string[]): string {
  return `when %${variable} !empty {\n  %${variable} {\n${clauses.map((c) => `    ${c}`).join('\n')}\n  }\n}`;
}

/** A Guard regex for a rotation schedule no longer than `hours`. */
function scheduleWithin(hours: number): string {
  const days = Math.floor(hours / 24);
  const alternatives = [`rate\\(${upTo(hours)} hours?\\)`];
  if (days >= 1) alternatives.push(`rate\\(${upTo(days)} days?\\)`);
  return `/^(?:${alternatives.join('|')})$/`;
}

/** BG-ROT-1: one let block per rotatable class, so each class meets its own maximum. */
function rotationTwin(): HookTwin {
  const lets = [
    "let bg_rot_1_schedules = Resources.*[ Type == 'AWS::SecretsManager::RotationSchedule' ]",
    'let bg_rot_1_scheduled = %bg_rot_1_schedules.Properties.SecretId.Ref',
  ];
  // A classed secret and no schedule at all: the IN below would have nothing to compare.
  const clauses = ['%bg_rot_1_scheduled !empty', '%bg_rot_1_ids IN %bg_rot_1_scheduled'];
  const classes = Object.entries(ROTATION_MAXIMUM_HOURS);
  lets.push(
    `let bg_rot_1_secrets = Resources[ bg_rot_1_ids | ${SECRET}\n  ${hasTag(
      TAG_CREDENTIAL_CLASS,
      classes.map(([c]) => c),
    )}\n  ${notAcknowledged('BG-ROT-1')}\n]`,
  );
  for (const [cls, hours] of classes) {
    const v = `bg_rot_1_${cls.replace(/-/g, '_')}`;
    lets.push(
      `let ${v}_secrets = Resources[ ${v}_ids | ${SECRET}\n  ${hasTag(TAG_CREDENTIAL_CLASS, [cls])}\n  ${notAcknowledged('BG-ROT-1')}\n]`,
    );
    clauses.push(
      [
        `when %${v}_secrets !empty {`,
        `  let ${v}_schedules = %bg_rot_1_schedules[ Properties.SecretId.Ref IN %${v}_ids ]`,
        `  %${v}_schedules.Properties.RotationRules.ScheduleExpression == ${scheduleWithin(hours)} or %${v}_schedules.Properties.RotationRules.AutomaticallyAfterDays <= ${Math.floor(hours / 24)}`,
        '}',
      ].join('\n'),
    );
  }
  return { lets, over: ['bg_rot_1_secrets'], each: false, clauses };
}

/**
 * Template filter lines for the task definitions that run a broker gateway, as the pack
 * recognizes them (lib/policy/model/tasks.ts): tagged with a segment, or with a container that
 * maps a gateway API port or runs a known gateway image given as a literal string; with a rule
 * id, less those acknowledged for it.
 */
function gatewayTaskDefinition(unlessAcknowledged?: string): string {
  const ports = list([...GATEWAY_PORTS, ...GATEWAY_PORTS.map(String)]);
  const containers = 'Properties.ContainerDefinitions[*]';
  return [
    TASK_DEFINITION,
    [
      IN_A_SEGMENT,
      `some ${containers}.PortMappings[*].ContainerPort IN ${ports}`,
      `some ${containers}.PortMappings[*].HostPort IN ${ports}`,
      `some ${containers}.Image == ${guardRegex(GATEWAY_IMAGE)}`,
    ].join(' or '),
    ...(unlessAcknowledged ? [notAcknowledged(unlessAcknowledged)] : []),
  ].join('\n  ');
}

/** BG-ECS-1: the task role, when named by Fn::GetAtt, is the automation segment's own role. */
function gatewayTaskRoleTwin(): HookTwin {
  const otherSegments = SEGMENT_NAMES.filter((s) => s !== 'automation');
  return {
    lets: [
      `let bg_ecs_1 = Resources.*[ ${gatewayTaskDefinition('BG-ECS-1')}\n]`,
      `let bg_ecs_1_roles = Resources[ bg_ecs_1_role_ids | ${ROLE}\n  ${hasTag(TAG_SEGMENT, ['automation'])}\n  ${lacksTag(TAG_ROLE_KIND, 'function')}\n]`,
    ],
    over: ['bg_ecs_1'],
    each: false,
    // A key-bound name of an empty filter cannot be resolved, so the join runs only when an
    // automation role exists; a task role taken from the template with none at all fails.
    clauses: [
      whenAny('bg_ecs_1', [
        `Properties.Tags[ Key == ${quote(TAG_SEGMENT)}\n      Value IN ${list(otherSegments)} ] empty`,
        'Properties.TaskRoleArn exists',
      ]),
      "let bg_ecs_1_joined = %bg_ecs_1[ Properties.TaskRoleArn.'Fn::GetAtt' exists ]",
      [
        'when %bg_ecs_1_joined !empty {',
        '  %bg_ecs_1_roles !empty',
        '  when %bg_ecs_1_roles !empty {',
        "    %bg_ecs_1_joined.Properties.TaskRoleArn.'Fn::GetAtt'[0] IN %bg_ecs_1_role_ids",
        '  }',
        '}',
      ].join('\n'),
    ],
    partial:
      'Follows a task role named by Fn::GetAtt (as the CDK writes it); a role given by Ref, and gateway task definitions recognized only by an image assembled with intrinsics, are left to the pack.',
  };
}

/** BG-ECS-3: services tagged with a segment, and services whose task definition is a gateway's. */
function gatewayExecTwin(): HookTwin {
  const exec =
    "Properties.EnableExecuteCommand not exists or Properties.EnableExecuteCommand NOT IN [true, 'true']";
  return {
    lets: [
      `let bg_ecs_3_tagged = Resources.*[ ${SERVICE}\n  ${IN_A_SEGMENT}\n  ${notAcknowledged('BG-ECS-3')}\n]`,
      `let bg_ecs_3_gateways = Resources[ bg_ecs_3_gateway_ids | ${gatewayTaskDefinition()}\n]`,
      `let bg_ecs_3_services = Resources.*[ ${SERVICE}\n  ${notAcknowledged('BG-ECS-3')}\n]`,
    ],
    over: ['bg_ecs_3_tagged', 'bg_ecs_3_gateways'],
    each: false,
    clauses: [
      whenAny('bg_ecs_3_tagged', [exec]),
      [
        'when %bg_ecs_3_gateways !empty {',
        '  let bg_ecs_3_served = %bg_ecs_3_services[ Properties.TaskDefinition.Ref IN %bg_ecs_3_gateway_ids ]',
        ...whenAny('bg_ecs_3_served', [exec])
          .split('\n')
          .map((l) => `  ${l}`),
        '}',
      ].join('\n'),
    ],
    partial:
      'Follows the task definition named by Ref (as the CDK writes it); gateway task definitions recognized only by an image assembled with intrinsics are left to the pack.',
  };
}

/** Open-to-the-internet ingress on a gateway port, in template and configuration-item form. */
function gatewayPortClauses(protocol: string, from: string, to: string): string[] {
  return [
    `${protocol} NOT IN ['-1', 'all']`,
    ...GATEWAY_PORTS.map(
      (p) => `${protocol} NOT IN ['tcp', '6'] or ${from} > ${p} or ${to} < ${p}`,
    ),
  ];
}

export const GUARD_TWINS: Readonly<Record<string, GuardTwin>> = {
  'BG-SEG-1': {
    notPossible:
      "Who can read a secret is the union of identity policies, group and role membership, key policies and the secret's resource policy across resources: Guard cannot compute that join.",
  },
  'BG-SEG-2': {
    hook: {
      lets: [
        `let bg_seg_2 = Resources.*[ ${SECRET}\n  ${hasTag(TAG_CREDENTIAL_CLASS, ['second-factor'])}\n  ${notAcknowledged('BG-SEG-2')}\n]`,
      ],
      over: ['bg_seg_2'],
      each: true,
      clauses: [hasTag(TAG_SEGMENT, SECOND_FACTOR_SEGMENTS)],
      partial:
        'Checks where second-factor material lives; whether an automation principal can read it needs the access analysis (BG-SEG-1).',
    },
  },
  'BG-SEG-3': {
    hook: {
      lets: [
        `let bg_seg_3_secrets = Resources[ bg_seg_3_ids | ${SECRET}\n  Properties.Tags[ Key == ${quote(TAG_SEGMENT)} ] !empty\n  ${notAcknowledged('BG-SEG-3')}\n]`,
        "let bg_seg_3_guarded = Resources.*[ Type == 'AWS::SecretsManager::ResourcePolicy'\n  Properties.BlockPublicPolicy IN [true, 'true']\n  some Properties.ResourcePolicy.Statement[*] {\n    Effect == 'Deny'\n    Principal IN ['*'] or Principal.AWS IN ['*']\n    Action IN ['secretsmanager:GetSecretValue', 'secretsmanager:*', '*'] or some Action[*] IN ['secretsmanager:GetSecretValue', 'secretsmanager:*', '*']\n    some Condition.*.'aws:PrincipalArn' exists or some Condition.*.'aws:PrincipalTag/brokerguard:segment' exists\n  }\n].Properties.SecretId.Ref",
      ],
      over: ['bg_seg_3_secrets'],
      each: false,
      clauses: ['%bg_seg_3_guarded !empty', '%bg_seg_3_ids IN %bg_seg_3_guarded'],
      partial:
        'Checks that a deny-outside-segment policy with BlockPublicPolicy exists; whether its exempted principals all belong to the segment needs the access analysis.',
    },
  },
  'BG-SEG-4': {
    hook: {
      lets: [`let bg_seg_4 = Resources.*[ ${SECRET}\n  ${notAcknowledged('BG-SEG-4')}\n]`],
      over: ['bg_seg_4'],
      each: true,
      clauses: [
        hasTag(TAG_SEGMENT, SEGMENT_NAMES),
        hasTag(TAG_CREDENTIAL_CLASS, CREDENTIAL_CLASSES),
      ],
    },
    config: {
      resourceTypes: ['AWS::SecretsManager::Secret'],
      clauses: [
        `tags.${quote(TAG_SEGMENT)} IN ${list(SEGMENT_NAMES)}`,
        `tags.${quote(TAG_CREDENTIAL_CLASS)} IN ${list(CREDENTIAL_CLASSES)}`,
      ],
    },
  },
  'BG-IAM-1': {
    hook: {
      lets: [
        `let bg_iam_1 = Resources.*[ ${ROLE}\n  ${hasTag(TAG_SEGMENT, HUMAN_SEGMENTS)}\n  ${notAcknowledged('BG-IAM-1')}\n].Properties.AssumeRolePolicyDocument.Statement[ Effect == 'Allow'\n  Principal.AWS exists\n]`,
      ],
      over: ['bg_iam_1'],
      each: true,
      clauses: [
        "Condition.Bool.'aws:MultiFactorAuthPresent' IN ['true', true]",
        'Condition.BoolIfExists not exists',
        `Condition.NumericLessThan.'aws:MultiFactorAuthAge' == /^${upTo(MFA_MAX_AGE_LIMIT_SECONDS)}$/ or Condition.NumericLessThanEquals.'aws:MultiFactorAuthAge' == /^${upTo(MFA_MAX_AGE_LIMIT_SECONDS)}$/ or Condition.NumericLessThan.'aws:MultiFactorAuthAge' <= ${MFA_MAX_AGE_LIMIT_SECONDS} or Condition.NumericLessThanEquals.'aws:MultiFactorAuthAge' <= ${MFA_MAX_AGE_LIMIT_SECONDS}`,
      ],
      partial:
        'Judges statements with an AWS principal; a bare `"Principal": "*"` is left to the pack.',
    },
  },
  'BG-IAM-2': {
    hook: {
      lets: [
        `let bg_iam_2 = Resources.*[ ${ROLE}\n  ${hasTag(TAG_SEGMENT, ['automation'])}\n  ${lacksTag(TAG_ROLE_KIND, 'function')}\n  ${notAcknowledged('BG-IAM-2')}\n]`,
      ],
      over: ['bg_iam_2'],
      each: true,
      clauses: [
        `Properties.MaxSessionDuration not exists or Properties.MaxSessionDuration <= ${AUTOMATION_MAX_SESSION_SECONDS}`,
      ],
    },
  },
  'BG-IAM-3': {
    hook: {
      lets: [
        `let bg_iam_3 = Resources.*[ ${ROLE}\n  ${hasTag(TAG_SEGMENT, ['automation'])}\n  ${lacksTag(TAG_ROLE_KIND, 'function')}\n  ${notAcknowledged('BG-IAM-3')}\n]`,
      ],
      over: ['bg_iam_3'],
      each: true,
      clauses: ['Properties.PermissionsBoundary exists'],
    },
  },
  'BG-IAM-4': {
    hook: {
      lets: [
        `let bg_iam_4_roles = Resources[ bg_iam_4_ids | ${ROLE}\n  ${hasTag(TAG_SEGMENT, ['automation'])}\n  ${lacksTag(TAG_ROLE_KIND, 'function')}\n  ${notAcknowledged('BG-IAM-4')}\n]`,
      ],
      over: ['bg_iam_4_roles'],
      each: false,
      clauses: [
        "let bg_iam_4_inline = %bg_iam_4_roles.Properties.Policies[*].PolicyDocument.Statement[ Effect == 'Allow' ]",
        "let bg_iam_4_attached = Resources.*[ Type == 'AWS::IAM::Policy'\n  some Properties.Roles[*].Ref IN %bg_iam_4_ids\n].Properties.PolicyDocument.Statement[ Effect == 'Allow' ]",
      ].concat(
        ['inline', 'attached'].map((v) =>
          whenAny(`bg_iam_4_${v}`, [
            'NotAction not exists',
            'Action not exists or Action[*] != /\\*/',
          ]),
        ),
      ),
      partial:
        'Judges inline policies and AWS::IAM::Policy resources attached by Ref; managed policies attached by ARN are left to the pack.',
    },
  },
  'BG-IAM-5': {
    hook: {
      lets: allowStatements('bg_iam_5', 'BG-IAM-5'),
      over: ['bg_iam_5_inline', 'bg_iam_5_policies'],
      each: false,
      clauses: ['inline', 'policies'].flatMap((v) => [
        whenAny(`bg_iam_5_${v}`, ["Action not exists or Action[*] NOT IN ['*', 'iam:*']"]),
        `let bg_iam_5_${v}_everywhere = %bg_iam_5_${v}[ Resource IN ['*'] or some Resource[*] == '*' ]`,
        whenAny(`bg_iam_5_${v}_everywhere`, [
          `Action not exists or Action[*] NOT IN ${list([...ESCALATION_ACTIONS, 'sts:*', 'sts:AssumeRole'])}`,
        ]),
      ]),
      partial:
        'Matches the exact escalation actions and `*`, `iam:*`, `sts:*`; other wildcards that cover them (`iam:Put*`) and NotAction are left to the pack.',
    },
  },
  'BG-IAM-6': {
    hook: {
      lets: [
        `let bg_iam_6 = Resources.*[ Type == 'AWS::IAM::AccessKey'\n  ${notAcknowledged('BG-IAM-6')}\n]`,
      ],
      over: ['bg_iam_6'],
      each: false,
      clauses: ['%bg_iam_6 empty'],
    },
  },
  'BG-IAM-7': {
    hook: {
      lets: allowStatements('bg_iam_7', 'BG-IAM-7').map((l) =>
        l.replace(
          "Statement[ Effect == 'Allow' ]",
          "Statement[ Effect == 'Allow'\n  Resource IN ['*'] or some Resource[*] == '*'\n]",
        ),
      ),
      over: ['bg_iam_7_inline', 'bg_iam_7_policies'],
      each: false,
      clauses: ['inline', 'policies'].map((v) =>
        whenAny(`bg_iam_7_${v}`, [
          'Action not exists or Action[*] != /^(?:\\*|[A-Za-z0-9-]+:\\*)$/',
          'NotAction not exists',
        ]),
      ),
      partial:
        'Judges inline and template-defined policies; AWS managed policies attached by ARN (AdministratorAccess, *FullAccess) are left to the pack.',
    },
  },
  'BG-KMS-1': {
    hook: {
      lets: [
        `let bg_kms_1_secrets = Resources.*[ ${SECRET}\n  Properties.Tags[ Key == ${quote(TAG_SEGMENT)} ] !empty\n  ${notAcknowledged('BG-KMS-1')}\n]`,
        `let bg_kms_1_keys = Resources.*[ Type == 'AWS::KMS::Key'\n  Properties.Tags[ Key == ${quote(TAG_SEGMENT)} ] !empty\n  ${notAcknowledged('BG-KMS-1')}\n]`,
      ],
      over: ['bg_kms_1_secrets', 'bg_kms_1_keys'],
      each: false,
      clauses: [
        whenAny('bg_kms_1_secrets', [
          'Properties.KmsKeyId exists',
          'Properties.KmsKeyId is_struct or Properties.KmsKeyId != /alias\\/aws\\/secretsmanager/',
        ]),
        whenAny('bg_kms_1_keys', ["Properties.EnableKeyRotation IN [true, 'true']"]),
      ],
      partial:
        "Checks that segment secrets name a customer-managed key and that segment keys rotate; that the key is the same segment's is left to the pack.",
    },
  },
  'BG-KMS-2': {
    notPossible:
      "Deciding whether a key policy principal is inside the key's segment means resolving each principal to a role of the template and its tags: a join Guard cannot make.",
  },
  'BG-MON-1': {
    notPossible:
      'Each segment that holds a secret must have alarms on metrics whose Segment dimension names it: matching one resource value against another per segment is a join Guard cannot make.',
  },
  'BG-MON-2': {
    hook: {
      lets: [
        `let bg_mon_2 = Resources.*[ Type IN ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']\n  ${notAcknowledged('BG-MON-2')}\n]`,
      ],
      over: ['bg_mon_2'],
      each: true,
      clauses: [
        'Properties.AlarmActions exists',
        'Properties.AlarmActions !empty',
        "Properties.ActionsEnabled not exists or Properties.ActionsEnabled NOT IN [false, 'false']",
      ],
    },
  },
  'BG-MON-3': {
    hook: {
      lets: [
        "let bg_mon_3 = Resources.*[ Type IN ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'] ].Properties.AlarmActions[*].Ref",
        `let bg_mon_3_encrypted = Resources[ bg_mon_3_ok | Type == 'AWS::SNS::Topic'\n  Properties.KmsMasterKeyId exists or ${acknowledged('BG-MON-3')}\n]`,
      ],
      over: ['bg_mon_3'],
      each: false,
      // A key-bound name of an empty filter cannot be resolved (cfn-guard stops with an
      // error), so the join runs only when some topic is encrypted; none at all fails.
      clauses: [
        '%bg_mon_3_encrypted !empty',
        'when %bg_mon_3_encrypted !empty {\n  %bg_mon_3 IN %bg_mon_3_ok\n}',
      ],
      partial:
        'Checks that topics alarms notify by Ref are encrypted; the TLS-only topic policy and the subscription (more joins) are left to the pack.',
    },
  },
  'BG-LOG-1': {
    hook: {
      lets: [
        `let bg_log_1 = Resources.*[ Type == 'AWS::Logs::LogGroup'\n  ${notAcknowledged('BG-LOG-1')}\n]`,
      ],
      over: ['bg_log_1'],
      each: true,
      clauses: ['Properties.KmsKeyId exists', 'Properties.RetentionInDays exists'],
    },
  },
  'BG-LOG-2': {
    hook: {
      lets: [
        `let bg_log_2 = Resources.*[ Type == 'AWS::Lambda::Function'\n  Properties.Tags[ Key == ${quote(TAG_SEGMENT)} ] !empty\n  ${notAcknowledged('BG-LOG-2')}\n]`,
      ],
      over: ['bg_log_2'],
      each: true,
      clauses: ['Properties.LoggingConfig.LogGroup exists'],
      partial:
        'Judges functions tagged brokerguard:segment and requires LoggingConfig.LogGroup; functions placed in a segment through their role, and a template log group named /aws/lambda/<name>, are left to the pack.',
    },
  },
  'BG-NET-1': {
    hook: {
      lets: [
        // A group with no inline ingress (rules in separate resources) would leave the query
        // unresolved, and Guard then skips the whole rule: keep only groups that have some.
        "let bg_net_1_groups = Resources.*[ Type == 'AWS::EC2::SecurityGroup'\n  Properties.SecurityGroupIngress exists\n  " +
          notAcknowledged('BG-NET-1') +
          "\n].Properties.SecurityGroupIngress[ CidrIp == '0.0.0.0/0' or CidrIpv6 == '::/0' ]",
        "let bg_net_1_rules = Resources.*[ Type == 'AWS::EC2::SecurityGroupIngress'\n  Properties.CidrIp == '0.0.0.0/0' or Properties.CidrIpv6 == '::/0'\n  " +
          notAcknowledged('BG-NET-1') +
          '\n].Properties',
      ],
      over: ['bg_net_1_groups', 'bg_net_1_rules'],
      each: false,
      clauses: [
        whenAny('bg_net_1_groups', gatewayPortClauses('IpProtocol', 'FromPort', 'ToPort')),
        whenAny('bg_net_1_rules', gatewayPortClauses('IpProtocol', 'FromPort', 'ToPort')),
      ],
    },
    config: {
      resourceTypes: ['AWS::EC2::SecurityGroup'],
      lets: [
        "let bg_net_1 = configuration.ipPermissions[ some ipv4Ranges[*].cidrIp == '0.0.0.0/0' or some ipRanges[*] == '0.0.0.0/0' or some ipv6Ranges[*].cidrIpv6 == '::/0' ]",
      ],
      clauses: gatewayPortClauses('%bg_net_1.ipProtocol', '%bg_net_1.fromPort', '%bg_net_1.toPort'),
    },
  },
  'BG-ROT-1': { hook: rotationTwin() },
  'BG-ROT-2': {
    notPossible:
      "A password secret is watched when an alarm's Credential dimension equals that secret's Name: comparing one resource's value with another's is a join Guard cannot make.",
  },
  'BG-ROT-3': {
    hook: {
      lets: [
        "let bg_rot_3 = Resources.*[ Type == 'AWS::SecretsManager::RotationSchedule' ].Properties.RotationLambdaARN.'Fn::GetAtt'[0]",
        `let bg_rot_3_fine = Resources[ bg_rot_3_ok | Type == 'AWS::Lambda::Function'\n  Properties.Runtime IN ${list(SUPPORTED_LAMBDA_RUNTIMES)} or Properties.PackageType == 'Image' or ${acknowledged('BG-ROT-3')}\n]`,
      ],
      over: ['bg_rot_3'],
      each: false,
      clauses: [
        '%bg_rot_3_fine !empty',
        'when %bg_rot_3_fine !empty {\n  %bg_rot_3 IN %bg_rot_3_ok\n}',
      ],
      partial:
        'Finds rotation functions referenced by Fn::GetAtt; a RotationLambdaARN given as a literal ARN is left to the pack.',
    },
  },
  'BG-ROT-4': {
    hook: {
      lets: [
        "let bg_rot_4_scheduled = Resources.*[ Type == 'AWS::SecretsManager::RotationSchedule' ].Properties.SecretId.Ref",
        `let bg_rot_4 = Resources[ bg_rot_4_ids | ${SECRET}\n  Properties.Tags[ Key == ${quote(TAG_CREDENTIAL_CLASS)} ] empty\n  ${notAcknowledged('BG-ROT-4')}\n]`,
      ],
      over: ['bg_rot_4'],
      each: false,
      // The first clause fails a template with no schedule at all: with nothing to compare to,
      // Guard would skip the IN clause and the rule would pass such a template unseen.
      clauses: ['%bg_rot_4_scheduled !empty', '%bg_rot_4_ids IN %bg_rot_4_scheduled'],
    },
  },
  'BG-SEC-1': {
    hook: {
      lets: [
        `let bg_sec_1 = Resources.*[ ${SECRET}\n  Properties.SecretString exists\n  Properties.SecretString is_string\n  ${notAcknowledged('BG-SEC-1')}\n]`,
      ],
      over: ['bg_sec_1'],
      each: true,
      clauses: ['Properties.SecretString == /\\{\\{resolve:|^\\s*$|^\\{\\}$/'],
      partial:
        'Judges literal strings; a literal assembled with Fn::Join or Fn::Sub, and JSON placeholders with empty values, are left to the pack.',
    },
  },
  'BG-SEC-2': {
    hook: {
      lets: [
        `let bg_sec_2 = Resources.*[ Type IN ['AWS::Lambda::Function', 'AWS::Serverless::Function']\n  Properties.Environment.Variables exists\n  ${notAcknowledged('BG-SEC-2')}\n].Properties.Environment.Variables[ keys == ${SECRET_VARIABLE_NAME} ]`,
      ],
      over: ['bg_sec_2'],
      each: true,
      clauses: [`this is_struct or this == ${NOT_A_SECRET_VALUE}`],
      partial:
        'Judges variables whose names end with a secret word (DB_PASSWORD, API_KEY); names with the word inside (SECRET_VALUE) are left to the pack.',
    },
  },
  'BG-SEC-3': {
    hook: {
      lets: [
        `let bg_sec_3 = Resources.*[ ${TASK_DEFINITION}\n  ${notAcknowledged('BG-SEC-3')}\n].Properties.ContainerDefinitions[ Environment exists ].Environment[ Name == ${SECRET_VARIABLE_NAME} ]`,
      ],
      over: ['bg_sec_3'],
      each: true,
      clauses: [`Value not exists or Value is_struct or Value == ${NOT_A_SECRET_VALUE}`],
      partial:
        'Judges container variables whose names end with a secret word (TWS_PASSWORD, API_KEY) and whose values are literal strings; names with the word inside (SECRET_VALUE), and literals assembled with Fn::Join or Fn::Sub, are left to the pack.',
    },
  },
  'BG-ECS-1': { hook: gatewayTaskRoleTwin() },
  'BG-ECS-2': {
    hook: {
      lets: [
        `let bg_ecs_2 = Resources.*[ ${gatewayTaskDefinition('BG-ECS-2')}\n].Properties.ContainerDefinitions[*]`,
      ],
      over: ['bg_ecs_2'],
      each: true,
      clauses: ["ReadonlyRootFilesystem IN [true, 'true']"],
      partial:
        'An acknowledgement of one container (BG-ECS-2[Container::name]) passes the whole task definition; gateway task definitions recognized only by an image assembled with intrinsics are left to the pack.',
    },
  },
  'BG-ECS-3': { hook: gatewayExecTwin() },
};
