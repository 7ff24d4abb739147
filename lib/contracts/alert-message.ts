import { BrokerGuardError } from '../errors';
import { SegmentName } from './segments';

/**
 * What an alert is about. The first three are the seed's triage categories for a login
 * interruption; the others cover what is not a login: a credential's life cycle, the AWS
 * account itself (IAM, KMS, console, root), and a playbook run.
 */
export const ALERT_CATEGORIES = [
  'identity',
  'entitlement',
  'device_session',
  'credential',
  'aws_account',
  'incident',
] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

/**
 * CloudWatch caps an alarm description at 1024 characters, and the description is the
 * alert text: every message must fit.
 */
export const ALERT_MESSAGE_MAX_LENGTH = 1024;

/** Where the runbooks live: anchors are `id="runbook-..."` tags in docs/runbooks.md. */
export const DEFAULT_RUNBOOK_BASE = 'docs/runbooks.md';

export interface AlertMessage {
  /** What happened, in one line: `3 failed logins in 5 minutes`. */
  readonly title: string;
  /** The segment concerned, or `deployment` for something that spans the deployment. */
  readonly segment: SegmentName | 'deployment';
  readonly category: AlertCategory;
  /** The first thing the person reading it on a phone should do. One or two sentences. */
  readonly firstStep: string;
  /** The runbook's anchor in docs/runbooks.md, e.g. `runbook-failed-login-burst`. */
  readonly runbookAnchor: string;
  /**
   * The deployment name, so one phone can tell a paper alert from a live one.
   * @default - not shown
   */
  readonly deployment?: string;
  /**
   * Facts known only at alert time (an EventBridge input path such as the caller's ARN, or
   * a threshold). One line.
   * @default - none
   */
  readonly detail?: string;
  /**
   * Where the runbook anchors live: a path or URL of docs/runbooks.md.
   * @default DEFAULT_RUNBOOK_BASE
   */
  readonly runbookBase?: string;
}

const ANCHOR = /^runbook-[a-z0-9-]{1,60}$/;

function oneLine(field: string, value: string): string {
  if (value.trim().length === 0) {
    throw new BrokerGuardError(
      'ALERT_MESSAGE',
      `alert ${field} must not be empty, got ${JSON.stringify(value)}`,
    );
  }
  if (/[\r\n]/.test(value)) {
    throw new BrokerGuardError(
      'ALERT_MESSAGE',
      `alert ${field} must be one line, got ${JSON.stringify(value)}`,
    );
  }
  return value.trim();
}

/**
 * The one message format of every alarm, detection and playbook notification:
 *
 * ```
 * BrokerGuard [paper] failed-login burst: 3 failed logins in 5 minutes
 * Segment: automation | Category: identity
 * First step: stop the bot's login retries before IBKR locks the account.
 * Runbook: docs/runbooks.md#runbook-failed-login-burst
 * ```
 *
 * Pure and deterministic, so a template, a test and a Lambda render the same text. Plain
 * text, because e-mail, SMS and chat webhooks all show it as sent.
 */
export function formatAlert(message: AlertMessage): string {
  const title = oneLine('title', message.title);
  const firstStep = oneLine('firstStep', message.firstStep);
  if (!ANCHOR.test(message.runbookAnchor)) {
    throw new BrokerGuardError(
      'ALERT_MESSAGE',
      `alert runbookAnchor must match ${ANCHOR.source}, got ${JSON.stringify(message.runbookAnchor)}`,
    );
  }
  if (!(ALERT_CATEGORIES as readonly string[]).includes(message.category)) {
    throw new BrokerGuardError(
      'ALERT_MESSAGE',
      `alert category must be one of ${ALERT_CATEGORIES.join(', ')}, got ${JSON.stringify(message.category)}`,
    );
  }
  const where = message.deployment ? ` [${oneLine('deployment', message.deployment)}]` : '';
  const lines = [
    `BrokerGuard${where} ${title}`,
    `Segment: ${message.segment} | Category: ${message.category}`,
  ];
  if (message.detail !== undefined) lines.push(`Detail: ${oneLine('detail', message.detail)}`);
  lines.push(`First step: ${firstStep}`);
  lines.push(`Runbook: ${message.runbookBase ?? DEFAULT_RUNBOOK_BASE}#${message.runbookAnchor}`);
  const text = lines.join('\n');
  if (text.length > ALERT_MESSAGE_MAX_LENGTH) {
    throw new BrokerGuardError(
      'ALERT_MESSAGE',
      `alert "${title}" is ${text.length} characters; an alarm description holds at most ${ALERT_MESSAGE_MAX_LENGTH}`,
    );
  }
  return text;
}
