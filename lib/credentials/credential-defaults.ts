import { Duration } from 'aws-cdk-lib';

/**
 * Secure defaults of the credential constructs, kept apart from the code that builds them.
 * Precedence: these defaults < user props < limits the constructs enforce (noted per value).
 */
export const CREDENTIAL_DEFAULTS = {
  /** Session tokens: twice a day, well inside IBKR's 24 h live session token. */
  sessionTokenEvery: Duration.hours(12),
  /** Enforced: a session token rotates at least this often (BG-ROT-1's class maximum). */
  sessionTokenMaxEvery: Duration.hours(24),
  apiKeyEvery: Duration.days(30),
  /** Enforced: the api-key class maximum (BG-ROT-1). */
  apiKeyMaxEvery: Duration.days(90),
  /** Enforced: Secrets Manager rotates at most every 4 hours. */
  minEvery: Duration.hours(4),
  /** IBKR's live session token lifetime. */
  ibkrTokenLifetime: Duration.hours(24),
  /** Two slow IBKR calls of IBKR_TIMEOUT_MS each, plus Secrets Manager calls, fit easily. */
  rotationTimeout: Duration.minutes(1),
  /** Per IBKR request, inside the function timeout. */
  ibkrRequestTimeout: Duration.seconds(15),
  rotationMemoryMiB: 256,
  /** One rotation of a secret at a time; Secrets Manager never needs more. */
  rotationReservedConcurrency: 1,
  manualMaxAgeDays: 90,
  /** The long-lived IBKR OAuth material is regenerated in the portal by hand. */
  issuerMaxAgeDays: 90,
} as const;
