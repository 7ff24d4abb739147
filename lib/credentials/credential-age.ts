/**
 * The credential-age convention (team brief), shared by the age-check handler and the alarm
 * construct: metric BrokerGuard/CredentialAgeDays, dimension Credential = the secret's name,
 * and the compromised-tag rule.
 */
export const CREDENTIAL_AGE_NAMESPACE = 'BrokerGuard';
export const CREDENTIAL_AGE_METRIC_NAME = 'CredentialAgeDays';
export const CREDENTIAL_AGE_DIMENSION = 'Credential';
/** Reported for a flagged credential not yet replaced, so its alarm stays red. */
export const COMPROMISED_AGE_DAYS = 100000;

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
          Namespace: CREDENTIAL_AGE_NAMESPACE,
          Dimensions: [[CREDENTIAL_AGE_DIMENSION]],
          Metrics: [{ Name: CREDENTIAL_AGE_METRIC_NAME, Unit: 'None' }],
        },
      ],
    },
    [CREDENTIAL_AGE_DIMENSION]: credential,
    [CREDENTIAL_AGE_METRIC_NAME]: Math.round(ageDays * 1000) / 1000,
  });
}
