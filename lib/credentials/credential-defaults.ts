import { Duration } from 'aws-cdk-lib';
import {
  IBKR_SESSION_TOKEN_LIFETIME_HOURS,
  MANUAL_MAX_AGE_DEFAULT_DAYS,
  ROTATION_DEFAULT_HOURS,
  ROTATION_MAXIMUM_HOURS,
  ROTATION_MIN_HOURS,
} from '../contracts/limits';

/**
 * Secure defaults of the credential constructs, kept apart from the code that builds them.
 * Precedence: these defaults < user props < limits the constructs enforce (noted per value).
 */
export const CREDENTIAL_DEFAULTS = {
  /** Session tokens: twice a day, well inside IBKR's 24 h live session token. */
  sessionTokenEvery: Duration.hours(ROTATION_DEFAULT_HOURS['session-token']),
  /** Enforced: a session token rotates at least this often (BG-ROT-1's class maximum). */
  sessionTokenMaxEvery: Duration.hours(ROTATION_MAXIMUM_HOURS['session-token']),
  apiKeyEvery: Duration.days(ROTATION_DEFAULT_HOURS['api-key'] / 24),
  /** Enforced: the api-key class maximum (BG-ROT-1). */
  apiKeyMaxEvery: Duration.days(ROTATION_MAXIMUM_HOURS['api-key'] / 24),
  /** Enforced: Secrets Manager rotates at most every 4 hours. */
  minEvery: Duration.hours(ROTATION_MIN_HOURS),
  /** IBKR's live session token lifetime. */
  ibkrTokenLifetime: Duration.hours(IBKR_SESSION_TOKEN_LIFETIME_HOURS),
  /** Two slow IBKR calls of IBKR_TIMEOUT_MS each, plus Secrets Manager calls, fit easily. */
  rotationTimeout: Duration.minutes(1),
  /** Per IBKR request, inside the function timeout. */
  ibkrRequestTimeout: Duration.seconds(15),
  rotationMemoryMiB: 256,
  /** One rotation of a secret at a time; Secrets Manager never needs more. */
  rotationReservedConcurrency: 1,
  manualMaxAgeDays: MANUAL_MAX_AGE_DEFAULT_DAYS,
  /** The long-lived IBKR OAuth material is regenerated in the portal by hand. */
  issuerMaxAgeDays: MANUAL_MAX_AGE_DEFAULT_DAYS,
} as const;
