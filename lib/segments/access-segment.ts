import { Aws, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import {
  DEPLOYMENT_NAME_PATTERN,
  DEPLOYMENT_NAME_RULE,
  keyAlias,
  logGroupName,
  ROLE_MAX_SESSION_MAX_SECONDS,
  ROLE_MAX_SESSION_MIN_SECONDS,
  Segment,
  SEGMENT_NAMES,
  secretName,
  TAG_DEPLOYMENT,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../contracts';
import { AutomationBoundary } from './automation-boundary';
import { SegmentBoundary } from './segment-boundary';
import {
  buildSegmentKeyPolicy,
  logsServiceKeyStatement,
  memberKeyStatement,
  MemberSecretScope,
  segmentRoleKeyStatement,
} from './segment-key-policy';
import { SEGMENT_DEFAULTS } from './segment-defaults';
import { HumanTrust, SegmentTrust, ServerTrust } from './segment-trust';
import { createProfile, createTrustAnchor, RolesAnywherePrincipal } from './roles-anywhere-trust';
import type { SegmentSecret } from './segment-secret';

/** A log group of a segment. */
export interface SegmentLogGroupProps {
  /**
   * What it logs: lowercase letters, digits, dashes and slashes. The group is
   * `/brokerguard/<deployment>/<segment>/<purpose>`.
   */
  readonly purpose: string;
  /** Must be bounded. @default logs.RetentionDays.ONE_YEAR */
  readonly retention?: logs.RetentionDays;
}

export interface AccessSegmentProps {
  /** Which function this segment serves. */
  readonly segment: Segment;
  /**
   * Prefixes the names of the segment's secrets, log groups and key alias: 2–24 lowercase
   * letters, digits and dashes, a letter first.
   */
  readonly deploymentName: string;
  /** Who may assume the segment's role: `SegmentTrust.server()` for automation, else humans. */
  readonly trust: SegmentTrust;
  /**
   * MaxSessionDuration of the segment role. Forced to 1 hour for automation.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * Statements that widen the automation role's permissions boundary: exact actions on exact
   * resources. Only for the automation segment.
   * @default - none
   */
  readonly boundaryExtensions?: iam.PolicyStatement[];
}

/**
 * One function's slice of access: its own role, its own customer-managed key, and the secrets
 * that only its principals can read. Nothing crosses segments: grants of another segment's
 * secret are refused, and every secret denies reads from outside the segment.
 */
export class AccessSegment extends Construct {
  public readonly segmentName: Segment;
  public readonly deploymentName: string;
  /** The segment's own role: the server role for automation, an MFA-only role otherwise. */
  public readonly role: iam.Role;
  /** The segment's customer-managed key, rotation on; only its members may decrypt. */
  public readonly key: kms.Key;
  /**
   * The segment role's permissions boundary: `AutomationBoundary` for automation, a
   * `SegmentBoundary` for the human segments. No identity policy put on the role later (the
   * incident playbook may put any) can reach beyond it.
   */
  public readonly boundary: iam.ManagedPolicy;
  /** EC2 launch template (IMDSv2 only) carrying the server role, when EC2 is trusted. */
  public readonly launchTemplate?: ec2.LaunchTemplate;
  public readonly instanceProfile?: iam.InstanceProfile;
  public readonly rolesAnywhereTrustAnchor?: rolesanywhere.CfnTrustAnchor;
  public readonly rolesAnywhereProfile?: rolesanywhere.CfnProfile;

  private readonly members: iam.IRole[] = [];
  private logsCanUseKey = false;

  constructor(scope: Construct, id: string, props: AccessSegmentProps) {
    super(scope, id);
    if (!(SEGMENT_NAMES as readonly string[]).includes(props.segment)) {
      throw new BrokerGuardError(
        'SEGMENT_NAME',
        `AccessSegment segment: got ${JSON.stringify(props.segment)}; allowed: ${SEGMENT_NAMES.join(', ')}`,
      );
    }
    if (!DEPLOYMENT_NAME_PATTERN.test(props.deploymentName)) {
      throw new BrokerGuardError(
        'DEPLOYMENT_NAME',
        `AccessSegment ${props.segment}: deploymentName must be ${DEPLOYMENT_NAME_RULE}, got ${JSON.stringify(props.deploymentName)}`,
      );
    }
    this.segmentName = props.segment;
    this.deploymentName = props.deploymentName;
    const isAutomation = props.segment === 'automation';

    if (isAutomation !== props.trust instanceof ServerTrust) {
      throw new BrokerGuardError(
        'TRUST_MISMATCH',
        `AccessSegment ${props.segment}: trust must be ${isAutomation ? 'SegmentTrust.server()' : 'SegmentTrust.humans()'}; the automation segment is for the server only and people never share its trust`,
      );
    }
    if (!isAutomation && props.boundaryExtensions?.length) {
      throw new BrokerGuardError(
        'BOUNDARY_NOT_AUTOMATION',
        `AccessSegment ${props.segment}: boundaryExtensions apply only to the automation segment`,
      );
    }
    const maxSession = props.maxSessionDuration ?? SEGMENT_DEFAULTS.humanMaxSession;
    if (
      isAutomation &&
      maxSession.toSeconds() !== SEGMENT_DEFAULTS.automationMaxSession.toSeconds()
    ) {
      throw new BrokerGuardError(
        'SESSION_TOO_LONG',
        `AccessSegment automation: maxSessionDuration is forced to 1 hour, got ${maxSession.toHumanString()}`,
      );
    }
    if (
      maxSession.toSeconds() < ROLE_MAX_SESSION_MIN_SECONDS ||
      maxSession.toSeconds() > ROLE_MAX_SESSION_MAX_SECONDS
    ) {
      throw new BrokerGuardError(
        'SESSION_INVALID',
        `AccessSegment ${props.segment}: maxSessionDuration must be between 1 and 12 hours, got ${maxSession.toHumanString()}`,
      );
    }
    for (const s of props.boundaryExtensions ?? []) validateExtension(s);

    Tags.of(this).add(TAG_SEGMENT, props.segment);
    Tags.of(this).add(TAG_DEPLOYMENT, props.deploymentName);

    if (props.trust instanceof ServerTrust) {
      const t = props.trust.options;
      this.boundary = new AutomationBoundary(this, 'Boundary', {
        deploymentName: props.deploymentName,
        extensions: props.boundaryExtensions,
      });
      const principals: iam.IPrincipal[] = [];
      if (t.ec2) principals.push(new iam.ServicePrincipal('ec2.amazonaws.com'));
      if (t.ecs) {
        principals.push(
          new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
            // Only tasks of this account: the confused-deputy guard for a service principal.
            StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          }),
        );
      }
      if (t.rolesAnywhere) {
        this.rolesAnywhereTrustAnchor = createTrustAnchor(
          this,
          t.rolesAnywhere,
          props.deploymentName,
        );
        principals.push(
          new RolesAnywherePrincipal(
            this.rolesAnywhereTrustAnchor.attrTrustAnchorArn,
            t.rolesAnywhere.certificateSubject,
          ),
        );
      }
      this.role = new iam.Role(this, 'Role', {
        description: `brokerguard ${props.deploymentName}: the trading server (no human trust)`,
        assumedBy:
          principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals),
        maxSessionDuration: SEGMENT_DEFAULTS.automationMaxSession,
        permissionsBoundary: this.boundary,
      });
      if (t.rolesAnywhere) {
        this.rolesAnywhereProfile = createProfile(this, this.role, props.deploymentName);
      }
      if (t.ec2) {
        this.instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', {
          role: this.role,
        });
        this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
          instanceProfile: this.instanceProfile,
          requireImdsv2: true,
          httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
          httpPutResponseHopLimit: t.ec2MetadataHopLimit,
          httpEndpoint: true,
        });
      }
    } else {
      const trust = props.trust as HumanTrust;
      const [first, ...rest] = trust.principals;
      this.boundary = new SegmentBoundary(this, 'Boundary', {
        deploymentName: props.deploymentName,
        segment: props.segment,
      });
      this.role = new iam.Role(this, 'Role', {
        description: `brokerguard ${props.deploymentName}: ${props.segment} (MFA required)`,
        assumedBy: new iam.PrincipalWithConditions(first, trust.mfaConditions()),
        maxSessionDuration: maxSession,
        permissionsBoundary: this.boundary,
      });
      for (const p of rest) {
        this.role.assumeRolePolicy!.addStatements(
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            principals: [p],
            conditions: trust.mfaConditions(),
          }),
        );
      }
    }
    Tags.of(this.role).add(TAG_ROLE_KIND, 'segment');
    memberSegments.set(this.role, this);

    this.key = new kms.Key(this, 'Key', {
      description: `brokerguard ${props.deploymentName}: ${props.segment} segment key`,
      alias: keyAlias(props.deploymentName, props.segment),
      enableKeyRotation: true,
      pendingWindow: SEGMENT_DEFAULTS.keyPendingWindow,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: buildSegmentKeyPolicy(),
    });
    this.key.addToResourcePolicy(segmentRoleKeyStatement(this.role));
  }

  /**
   * Adds a principal the segment owns (a rotation function's role, say). It may decrypt with
   * the segment key and is exempt from the deny-outside-segment policy of the segment's
   * secrets. Call before granting it a secret. `reason` must say why, for the reader of the
   * call: a member widens who can decrypt. `keyScope` holds its key use to Secrets Manager
   * and the named secrets (a rotation function's own secret and issuer).
   */
  public addMember(role: iam.IRole, reason: string, keyScope?: MemberSecretScope): void {
    const owner = memberSegments.get(role);
    if (owner && owner !== this) {
      throw new BrokerGuardError(
        'CROSS_SEGMENT',
        `AccessSegment ${this.segmentName}: ${role.node.path} is already a member of segment ${owner.segmentName}; a principal belongs to one segment only`,
      );
    }
    if (owner === this) return;
    if (!reason.trim()) {
      throw new BrokerGuardError(
        'MEMBER_REASON',
        `AccessSegment ${this.segmentName}: addMember(${role.node.path}) needs a reason`,
      );
    }
    memberSegments.set(role, this);
    this.members.push(role);
    for (const st of memberKeyStatement(role, keyScope)) this.key.addToResourcePolicy(st);
    if (role instanceof iam.Role) {
      Tags.of(role).add(TAG_SEGMENT, this.segmentName);
      Tags.of(role).add(TAG_ROLE_KIND, 'function');
    }
  }

  /** The segment whose role `principal` is, or of which it is a member. */
  public static ofPrincipal(principal: iam.IPrincipal): AccessSegment | undefined {
    return memberSegments.get(principal as unknown as iam.IRole);
  }

  /** Whether `role` is the segment's role or one of its members. */
  public isMember(role: iam.IRole): boolean {
    return memberSegments.get(role) === this;
  }

  /** ARNs of every principal of the segment: its role and its members. */
  public principalArns(): string[] {
    return [this.role.roleArn, ...this.members.map((m) => m.roleArn)];
  }

  /**
   * Lets `grantee` (default: the segment role) read `secret`. Refused when the secret belongs
   * to another segment.
   */
  public grantRead(secret: SegmentSecret, grantee: iam.IGrantable = this.role): iam.Grant {
    if (secret.segment !== this) {
      throw new BrokerGuardError(
        'CROSS_SEGMENT',
        `AccessSegment ${this.segmentName}: cannot grant read of secret ${secret.node.path} (segment ${secret.segment.segmentName}); nothing crosses segments`,
      );
    }
    return secret.grantRead(grantee);
  }

  /**
   * A log group for this segment, `/brokerguard/<deployment>/<segment>/<purpose>`, encrypted
   * with the segment key and with bounded retention.
   */
  public createLogGroup(id: string, props: SegmentLogGroupProps): logs.LogGroup {
    if (!/^[a-z0-9][a-z0-9-/]{0,100}$/.test(props.purpose)) {
      throw new BrokerGuardError(
        'LOG_GROUP_PURPOSE',
        `AccessSegment ${this.segmentName}: log group purpose must be lowercase letters, digits, dashes and slashes, got "${props.purpose}"`,
      );
    }
    if (props.retention === logs.RetentionDays.INFINITE) {
      throw new BrokerGuardError(
        'LOG_RETENTION',
        `AccessSegment ${this.segmentName}: log group ${props.purpose} must have a bounded retention, got INFINITE`,
      );
    }
    if (!this.logsCanUseKey) {
      this.key.addToResourcePolicy(logsServiceKeyStatement(this.deploymentName, this.segmentName));
      this.logsCanUseKey = true;
    }
    return new logs.LogGroup(this, id, {
      logGroupName: logGroupName(this.deploymentName, this.segmentName, props.purpose),
      encryptionKey: this.key,
      retention: props.retention ?? SEGMENT_DEFAULTS.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** `<deployment>/<segment>/<suffix>`: the name of a secret of this segment. */
  public resourceName(suffix: string): string {
    return secretName(this.deploymentName, this.segmentName, suffix);
  }

  /** The stack the segment lives in. */
  public get stack(): Stack {
    return Stack.of(this);
  }
}

const memberSegments = new WeakMap<iam.IRole, AccessSegment>();

function validateExtension(s: iam.PolicyStatement): void {
  const json = s.toStatementJson() as {
    Action?: string | string[];
    Resource?: string | string[];
    Effect?: string;
  };
  const actions = ([] as string[]).concat(json.Action ?? []);
  const resources = ([] as string[]).concat(json.Resource ?? []);
  for (const a of actions) {
    if (a.includes('*')) {
      throw new BrokerGuardError(
        'BOUNDARY_WILDCARD',
        `AccessSegment automation: boundaryExtensions action "${a}" has a wildcard; name exact actions`,
      );
    }
  }
  for (const r of resources) {
    if (typeof r === 'string' && r.includes('*')) {
      throw new BrokerGuardError(
        'BOUNDARY_WILDCARD',
        `AccessSegment automation: boundaryExtensions resource "${r}" has a wildcard; name exact resources`,
      );
    }
  }
  if (actions.length === 0 || resources.length === 0) {
    throw new BrokerGuardError(
      'BOUNDARY_INVALID',
      'AccessSegment automation: each boundaryExtensions statement needs actions and resources',
    );
  }
}
