// bundle-external: @aws-sdk/client-ec2 -- its model alone is 540 KB minified; StopInstances is a stable call the runtime's SDK makes the same way
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { IncidentNotification, incidentNotification, rejectedNotification } from './notification';
import { PlaybookTargets, parsePlaybookRequest } from './playbook';
import { IncidentReport, INCIDENT_REPORT_SCHEMA, formatReport } from './report';
import { RolesAnywhereOutcome, runPlaybook } from './runner';
import { PlaybookClients } from './steps/step';

/**
 * The state machine's payload: `request` is the caller's input (untrusted, validated here);
 * `targets` is fixed in the state machine definition at synth time.
 */
export interface PlaybookEvent {
  readonly request: unknown;
  readonly targets: PlaybookTargets;
  readonly executionArn?: string;
  /** `done`, `failed` (with `error`), or `not-applicable` when the device step did not run. */
  readonly rolesAnywhere?: { readonly status: string; readonly error?: string };
}

/** What the state machine records in the audit log and publishes to the alert channel. */
export interface PlaybookOutput {
  readonly outcome: IncidentReport['outcome'] | 'rejected';
  readonly report?: IncidentReport;
  readonly text: string;
  readonly notification: IncidentNotification;
  /** One audit log event: epoch milliseconds and the JSON record. */
  readonly audit: { readonly timestamp: number; readonly message: string };
}

let clients: PlaybookClients | undefined;
function defaultClients(): PlaybookClients {
  clients ??= {
    iam: new IAMClient({}),
    secretsManager: new SecretsManagerClient({}),
    ssm: new SSMClient({}),
    ecs: new ECSClient({}),
    ec2: new EC2Client({}),
  };
  return clients;
}

/** Runs the playbook's steps and builds the report; never throws for a bad request. */
export async function runPlaybookEvent(
  event: PlaybookEvent,
  withClients: PlaybookClients,
  now: Date = new Date(),
): Promise<PlaybookOutput> {
  const requestedBy =
    typeof (event.request as { requestedBy?: unknown })?.requestedBy === 'string'
      ? String((event.request as { requestedBy: string }).requestedBy).slice(0, 256)
      : 'unknown';
  let request;
  try {
    request = parsePlaybookRequest(event.request);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const record = {
      schema: INCIDENT_REPORT_SCHEMA,
      outcome: 'rejected',
      reason,
      requestedBy,
      executionArn: event.executionArn,
      at: now.toISOString(),
    };
    return {
      outcome: 'rejected',
      text: `refused to start: ${reason}\n`,
      notification: rejectedNotification(event.targets.deploymentName, reason, requestedBy),
      audit: { timestamp: now.getTime(), message: JSON.stringify(record) },
    };
  }
  const report = await runPlaybook(request, event.targets, withClients, {
    now,
    executionArn: event.executionArn,
    // The state machine passes `not-applicable` when it skipped the device step.
    rolesAnywhere:
      event.rolesAnywhere?.status === 'done' || event.rolesAnywhere?.status === 'failed'
        ? (event.rolesAnywhere as RolesAnywhereOutcome)
        : undefined,
  });
  return {
    outcome: report.outcome,
    report,
    text: formatReport(report),
    notification: incidentNotification(report),
    audit: { timestamp: now.getTime(), message: JSON.stringify(report) },
  };
}

export async function handler(event: PlaybookEvent): Promise<PlaybookOutput> {
  return runPlaybookEvent(event, defaultClients());
}
