import { BrokerGuardError } from '../errors';
import { SEGMENT_NAMES, SegmentName } from '../contracts';

/** The playbooks an admin (or an opted-in critical detection) can start. */
export const PLAYBOOKS = ['lost-device', 'suspected-exposure'] as const;
export type PlaybookName = (typeof PLAYBOOKS)[number];

/** One segment, or every segment at once. */
export type PlaybookScope = SegmentName | 'all';

/** Every step a playbook can run, in report order. */
export const STEP_IDS = [
  'revoke-sessions',
  'disable-roles-anywhere',
  'pause-automation',
  'stop-ecs-service',
  'stop-ec2-instance',
  'rotate-credential',
  'flag-manual-credential',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = 'done' | 'skipped' | 'failed';

/** What one step did; `detail` says what was done, or why it was skipped or failed. */
export interface StepResult {
  readonly step: StepId;
  readonly status: StepStatus;
  readonly detail: string;
  /** The segment the step acted on; absent for deployment-wide steps. */
  readonly segment?: SegmentName;
  /** The resource acted on (a role name, a secret name, a parameter name). */
  readonly target?: string;
}

/** A secret the playbook acts on, by ARN and by its `<deployment>/<segment>/<name>` name. */
export interface SecretTarget {
  readonly arn: string;
  readonly name: string;
}

/** What the playbook may touch in one segment. */
export interface SegmentTargets {
  /** Name (not ARN) of the segment's role: IAM's PutRolePolicy takes a name. */
  readonly roleName: string;
  readonly rotatingSecrets: readonly SecretTarget[];
  readonly manualSecrets: readonly SecretTarget[];
}

/** Compute the automation switch stops besides flipping the parameter. */
export interface AutomationComputeTargets {
  readonly switchParameterName: string;
  readonly ecsService?: { readonly clusterName: string; readonly serviceName: string };
  readonly ec2InstanceId?: string;
}

/**
 * Every resource a playbook may act on, fixed at synth time in the state machine definition:
 * the caller chooses a playbook and a scope, never a resource.
 */
export interface PlaybookTargets {
  readonly deploymentName: string;
  readonly segments: Partial<Record<SegmentName, SegmentTargets>>;
  readonly automation: AutomationComputeTargets;
  /** Set when the automation segment trusts an off-AWS server through IAM Roles Anywhere. */
  readonly rolesAnywhereProfileArn?: string;
}

/** What a start of the playbook asks for. */
export interface PlaybookRequest {
  readonly playbook: PlaybookName;
  readonly scope: PlaybookScope;
  /** Who asked, as the starter declared it; CloudTrail's StartExecution event is the proof. */
  readonly requestedBy: string;
}

/** The scope as the list of segments it covers. */
export function segmentsInScope(scope: PlaybookScope): SegmentName[] {
  return scope === 'all' ? [...SEGMENT_NAMES] : [scope];
}

/**
 * Validates a playbook request from an untrusted caller (state machine input, CLI arguments).
 *
 * @throws BrokerGuardError `INCIDENT_REQUEST` naming the field, the value and what is allowed
 */
export function parsePlaybookRequest(raw: unknown): PlaybookRequest {
  const input = (raw ?? {}) as Record<string, unknown>;
  const playbook = input.playbook;
  if (typeof playbook !== 'string' || !(PLAYBOOKS as readonly string[]).includes(playbook)) {
    throw new BrokerGuardError(
      'INCIDENT_REQUEST',
      `playbook: got ${JSON.stringify(playbook)}; allowed: ${PLAYBOOKS.join(', ')}`,
    );
  }
  const scope = input.scope;
  if (typeof scope !== 'string' || !(['all', ...SEGMENT_NAMES] as string[]).includes(scope)) {
    throw new BrokerGuardError(
      'INCIDENT_REQUEST',
      `scope: got ${JSON.stringify(scope)}; allowed: ${[...SEGMENT_NAMES, 'all'].join(', ')}`,
    );
  }
  const requestedBy =
    typeof input.requestedBy === 'string' && input.requestedBy.length > 0
      ? input.requestedBy.slice(0, 256)
      : 'unknown (see CloudTrail StartExecution)';
  return { playbook: playbook as PlaybookName, scope: scope as PlaybookScope, requestedBy };
}
