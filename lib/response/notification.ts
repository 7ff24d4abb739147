import { formatAlert } from '../contracts/alert-message';
import { IncidentReport, formatReport } from './report';

/** SNS caps a subject at 100 characters (ASCII, no line breaks). */
const SUBJECT_MAX = 100;

/** What the state machine publishes to the alert channel. */
export interface IncidentNotification {
  readonly subject: string;
  readonly message: string;
}

/**
 * The report in the alert channel's one format: the alert header first (what a phone's
 * preview shows), then every step and the checklist of what is left to do by hand.
 */
export function incidentNotification(report: IncidentReport): IncidentNotification {
  const failed = report.steps.filter((s) => s.status === 'failed').length;
  const scope = report.scope === 'all' ? 'all segments' : report.scope;
  const title = `${report.playbook} playbook for ${scope}: ${failed === 0 ? 'done' : `${failed} step(s) FAILED`}`;
  const header = formatAlert({
    title,
    segment: report.scope === 'all' ? 'deployment' : report.scope,
    category: 'incident',
    deployment: report.deployment,
    detail: `started by ${report.requestedBy} at ${report.startedAt}`,
    firstStep:
      failed === 0
        ? 'work through the checklist below, at the broker first; automation stays paused until an admin resumes it.'
        : 'start the same playbook again (every step is idempotent), then work through the checklist below.',
    runbookAnchor: 'runbook-incident',
  });
  const subject = `BrokerGuard [${report.deployment}] ${title}`.replace(/[^\x20-\x7e]/g, '?');
  return {
    subject: subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 3)}...` : subject,
    message: `${header}\n\n${formatReport(report)}`,
  };
}

/** A notification for a start the playbook refused (bad input): nothing was done. */
export function rejectedNotification(
  deployment: string,
  reason: string,
  requestedBy: string,
): IncidentNotification {
  const header = formatAlert({
    title: 'incident playbook refused to start',
    segment: 'deployment',
    category: 'incident',
    deployment,
    detail: `requested by ${requestedBy}: ${reason}`.replace(/[\r\n]+/g, ' ').slice(0, 400),
    firstStep: 'nothing was done; start it again with a valid playbook and segment.',
    runbookAnchor: 'runbook-incident',
  });
  return {
    subject: `BrokerGuard [${deployment}] incident playbook refused to start`,
    message: header,
  };
}
