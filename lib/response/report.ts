import { SegmentName } from '../contracts';
import { PlaybookName, PlaybookScope, StepResult, StepStatus, segmentsInScope } from './playbook';

/** Schema id of the report and of the audit record built from it. */
export const INCIDENT_REPORT_SCHEMA = 'brokerguard.incident/1';

/** What a playbook run did: the CLI prints it, the audit log keeps it, the alert carries it. */
export interface IncidentReport {
  readonly schema: typeof INCIDENT_REPORT_SCHEMA;
  readonly deployment: string;
  readonly playbook: PlaybookName;
  readonly scope: PlaybookScope;
  readonly segments: SegmentName[];
  /** As the starter declared it; CloudTrail's StartExecution event for `executionArn` proves it. */
  readonly requestedBy: string;
  readonly executionArn?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: 'completed' | 'completed-with-failures';
  readonly steps: StepResult[];
  /** What only a person can do, at the broker and elsewhere. */
  readonly brokerChecklist: string[];
}

const RESUME = 'when all of the above is done: npx brokerguard automation resume --confirm';

/**
 * What the person must still do by hand. brokerguard cannot act at the broker: IBKR offers no
 * API to revoke a device, change a password or regenerate OAuth tokens.
 */
export function brokerChecklist(playbook: PlaybookName): string[] {
  const common = [
    'regenerate the OAuth access token (and consumer key if it may have leaked) in the IBKR OAuth self-service portal, then put the new values into the flagged secrets',
    'review the account at the broker: recent logins, orders, fund transfers and address or bank changes',
  ];
  if (playbook === 'lost-device') {
    return [
      "revoke the lost device's trust in the IBKR Client Portal (Settings > Secure Login System: deactivate its IBKR Mobile / IB Key authentication)",
      'change the IBKR password from a device you trust',
      ...common,
      'if the device held an AWS MFA authenticator, deactivate that MFA device in IAM and register a new one',
      RESUME,
    ];
  }
  return ['change the IBKR password if it may have leaked', ...common, RESUME];
}

/** What a playbook will do, before anything is done: the CLI prints it without --confirm. */
export function describePlan(playbook: PlaybookName, scope: PlaybookScope): string[] {
  const segments = segmentsInScope(scope);
  const list = segments.join(', ');
  const roles = segments.length === 1 ? `the ${list} role` : `the ${list} roles`;
  const lines = [
    `revoke every session of ${roles} issued before now (inline AWSRevokeOlderSessions deny)`,
  ];
  if (playbook === 'lost-device' && segments.includes('automation')) {
    lines.push("disable the automation segment's IAM Roles Anywhere profile, if it has one");
  }
  lines.push(
    'turn the automation switch off (and stop the configured ECS service / EC2 instance, if any)',
    `start an immediate rotation of every rotating credential of ${list}`,
    `flag every manual credential of ${list} brokerguard:compromised (its alarm stays red until a new value is put)`,
    'write an audit record and send the report to the alert channel',
  );
  if (segments.includes('admin')) {
    lines.push(
      'note: this revokes your own admin session too; the playbook runs on, and `brokerguard incident status` shows the report after you sign in again',
    );
  }
  return lines;
}

const LABEL: Record<StepStatus, string> = {
  done: 'DONE   ',
  skipped: 'SKIPPED',
  failed: 'FAILED ',
};

/** The report as plain text, for the terminal and the alert channel. */
export function formatReport(report: IncidentReport): string {
  const failed = report.steps.filter((s) => s.status === 'failed').length;
  const lines = [
    `brokerguard ${report.playbook} for ${report.scope === 'all' ? 'all segments' : `segment ${report.scope}`} in deployment ${report.deployment}`,
    `started ${report.startedAt} by ${report.requestedBy}${report.executionArn ? `\nexecution ${report.executionArn}` : ''}`,
    '',
    ...report.steps.map(
      (s) => `  ${LABEL[s.status]} ${s.step}${s.segment ? ` [${s.segment}]` : ''}: ${s.detail}`,
    ),
    '',
    failed === 0
      ? 'Every applicable step is done.'
      : `${failed} step(s) failed. Every step is idempotent: fix the cause and start the same playbook again.`,
    '',
    'Still to do by you:',
    ...report.brokerChecklist.map((c) => `  [ ] ${c}`),
  ];
  return lines.join('\n') + '\n';
}
