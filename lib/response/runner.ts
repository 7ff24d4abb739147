import { SegmentName } from '../contracts';
import { PlaybookRequest, PlaybookTargets, StepResult, segmentsInScope } from './playbook';
import { brokerChecklist, IncidentReport } from './report';
import { flagManualCredential } from './steps/flag-manual-credential';
import { pauseAutomation, stopEc2Instance, stopEcsService } from './steps/pause-automation';
import { revokeSessions } from './steps/revoke-sessions';
import { rotateCredential } from './steps/rotate-credential';
import { PlannedStep, PlaybookClients, describeError } from './steps/step';

/**
 * The outcome of the Roles Anywhere step, which the state machine runs itself through its
 * AWS SDK integration (there is no current Roles Anywhere SDK client to call it from here).
 */
export interface RolesAnywhereOutcome {
  readonly status: 'done' | 'failed';
  /** The error name and cause when it failed. */
  readonly error?: string;
}

/** When and where a playbook run was started. */
export interface RunContext {
  readonly now: Date;
  readonly executionArn?: string;
  readonly rolesAnywhere?: RolesAnywhereOutcome;
}

/** The Roles Anywhere line of the report, from what the state machine did. */
export function rolesAnywhereResult(
  request: PlaybookRequest,
  targets: PlaybookTargets,
  outcome: RolesAnywhereOutcome | undefined,
): StepResult {
  const base = { step: 'disable-roles-anywhere', segment: 'automation' } as const;
  if (request.playbook !== 'lost-device') {
    return { ...base, status: 'skipped', detail: `${request.playbook} has no device steps` };
  }
  const profile = targets.rolesAnywhereProfileArn;
  if (!profile) {
    return {
      ...base,
      status: 'skipped',
      detail: 'the automation segment has no Roles Anywhere profile',
    };
  }
  if (!outcome) {
    return {
      ...base,
      target: profile,
      status: 'failed',
      detail: 'not run: only the state machine runs this step',
    };
  }
  return outcome.status === 'done'
    ? {
        ...base,
        target: profile,
        status: 'done',
        detail: `Roles Anywhere profile ${profile} disabled`,
      }
    : { ...base, target: profile, status: 'failed', detail: outcome.error ?? 'failed' };
}

/**
 * The steps a request applies to, each bound to its one target, in report order. The Roles
 * Anywhere step is not among them: the state machine runs it (see {@link rolesAnywhereResult}).
 */
export function planSteps(
  request: PlaybookRequest,
  targets: PlaybookTargets,
  now: Date,
): PlannedStep[] {
  const segments = segmentsInScope(request.scope);
  const steps: PlannedStep[] = [];
  for (const segment of segments) {
    const t = targets.segments[segment];
    steps.push({
      step: 'revoke-sessions',
      segment,
      target: t?.roleName,
      run: t
        ? (c) => revokeSessions(segment, t.roleName, now, c)
        : async () => ({
            step: 'revoke-sessions',
            segment,
            status: 'failed',
            detail: `segment ${segment} has no role in deployment ${targets.deploymentName}`,
          }),
    });
  }
  // Every scope pauses automation: whichever credential leaked, trading stays stopped until a
  // person has looked and resumed it deliberately.
  const auto = targets.automation;
  steps.push({
    step: 'pause-automation',
    target: auto.switchParameterName,
    run: (c) => pauseAutomation(auto.switchParameterName, c),
  });
  const ecsTarget =
    auto.ecsService && `${auto.ecsService.clusterName}/${auto.ecsService.serviceName}`;
  steps.push({
    step: 'stop-ecs-service',
    target: ecsTarget,
    run: (c) => stopEcsService(auto.ecsService, c),
  });
  steps.push({
    step: 'stop-ec2-instance',
    target: auto.ec2InstanceId,
    run: (c) => stopEc2Instance(auto.ec2InstanceId, c),
  });
  for (const segment of segments) {
    for (const secret of targets.segments[segment]?.rotatingSecrets ?? []) {
      steps.push({
        step: 'rotate-credential',
        segment,
        target: secret.name,
        run: (c) => rotateCredential(segment, secret, c),
      });
    }
  }
  for (const segment of segments) {
    for (const secret of targets.segments[segment]?.manualSecrets ?? []) {
      steps.push({
        step: 'flag-manual-credential',
        segment,
        target: secret.name,
        run: (c) => flagManualCredential(segment, secret, now, c),
      });
    }
  }
  return steps;
}

function insertAfterRevokes(
  results: StepResult[],
  extra: StepResult,
  segments: SegmentName[],
): StepResult[] {
  const n = segments.length;
  return [...results.slice(0, n), extra, ...results.slice(n)];
}

/**
 * Runs every applicable step at once and independently: a failing step never stops another,
 * and each appears in the report as done, skipped or failed with its reason.
 */
export async function runPlaybook(
  request: PlaybookRequest,
  targets: PlaybookTargets,
  clients: PlaybookClients,
  context: RunContext,
): Promise<IncidentReport> {
  const segments = segmentsInScope(request.scope);
  const planned = planSteps(request, targets, context.now);
  let steps = await Promise.all(
    planned.map((p) =>
      // Steps never reject; this is the guard for one that someday does.
      p.run(clients).catch((err: unknown): StepResult => ({
        step: p.step,
        segment: p.segment,
        target: p.target,
        status: 'failed',
        detail: describeError(err),
      })),
    ),
  );
  if (segments.includes('automation')) {
    steps = insertAfterRevokes(
      steps,
      rolesAnywhereResult(request, targets, context.rolesAnywhere),
      segments,
    );
  }
  const failed = steps.filter((s) => s.status === 'failed').length;
  return {
    schema: 'brokerguard.incident/1',
    deployment: targets.deploymentName,
    playbook: request.playbook,
    scope: request.scope,
    segments,
    requestedBy: request.requestedBy,
    ...(context.executionArn ? { executionArn: context.executionArn } : {}),
    startedAt: context.now.toISOString(),
    finishedAt: new Date().toISOString(),
    outcome: failed === 0 ? 'completed' : 'completed-with-failures',
    steps,
    brokerChecklist: brokerChecklist(request.playbook),
  };
}
