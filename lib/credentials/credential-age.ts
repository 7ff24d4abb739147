import {
  COMPROMISED_AGE_DAYS,
  CREDENTIAL_AGE_METRIC,
  CREDENTIAL_DIMENSION,
  CREDENTIAL_NAMESPACE,
} from '../contracts';

/*
 * The credential-age metric, shared by the age-check handler and the alarm construct: its
 * names live in contracts; this module computes and formats the value.
 */

/**
 * Fractional days since the value last changed; COMPROMISED_AGE_DAYS when the secret carries
 * the compromised tag (an ISO-8601 time) and its value is older than that time. An unreadable
 * tag value counts as flagged: a credential someone marked must never look healthy.
 */
export function credentialAgeDays(changedAt: number, now: number, compromisedTag?: string): number {
  if (compromisedTag !== undefined) {
    const flaggedAt = Date.parse(compromisedTag);
    if (Number.isNaN(flaggedAt) || changedAt < flaggedAt) return COMPROMISED_AGE_DAYS;
  }
  return Math.max(0, (now - changedAt) / 86_400_000);
}

/** One CloudWatch embedded-metric-format line: CloudWatch Logs turns it into the metric. */
export function credentialAgeEmf(credential: string, ageDays: number, now: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: CREDENTIAL_NAMESPACE,
          Dimensions: [[CREDENTIAL_DIMENSION]],
          Metrics: [{ Name: CREDENTIAL_AGE_METRIC, Unit: 'None' }],
        },
      ],
    },
    [CREDENTIAL_DIMENSION]: credential,
    [CREDENTIAL_AGE_METRIC]: Math.round(ageDays * 1000) / 1000,
  });
}
