import type { LoginEventName, LoginSource } from '../contracts/login-event';

/**
 * One way a tool reports a login event. The table below is the single source of truth for
 * the classifier Lambda, `brokerguard diagnose` and the README's signal table.
 */
export interface ClassifierRule {
  /** Stable id, shown by `diagnose` so a user can report a wrong match precisely. */
  readonly id: string;
  /** The tool that writes the line. */
  readonly source: LoginSource;
  readonly event: LoginEventName;
  /**
   * The stable part of the line, as the reference gives it. A line is only tested against
   * `pattern` when it contains this text, which keeps the classifier fast.
   */
  readonly literal: string;
  /** Confirms the match where the literal alone would also hit lines that mean nothing. */
  readonly pattern: RegExp;
}

// Patterns are case-sensitive unless the tool's casing varies: IBC echoes its settings at
// start-up (`ExistingSessionDetectedAction=primary`, `ReloginAfterSecondFactorAuthenticationTimeout=yes`)
// and those must not read as events. Order matters: the first rule that matches wins, so
// specific Web API rules come before the generic 401 rule.
const rules: ClassifierRule[] = [
  // IBC (drives TWS / IB Gateway)
  rule('ibc-login-attempt', 'ibc', 'login_attempted', 'Login attempt: ', /\bLogin attempt: \d+\b/),
  rule(
    'ibc-login-completed',
    'ibc',
    'login_succeeded',
    'Login has completed',
    /\bLogin has completed\b/,
  ),
  rule(
    'ibc-too-many-failed',
    'ibc',
    'lockout_risk',
    'Too many failed login attempts',
    /\bToo many failed login attempts\. Please wait\b/,
  ),
  rule('ibc-login-failed-dialog', 'ibc', 'login_failed', 'Login failed', /\bLogin failed\b/),
  rule(
    'ibc-login-error-message',
    'ibc',
    'login_failed',
    'Login error message:',
    /\bLogin error message:/,
  ),
  rule(
    'ibc-second-factor-initiated',
    'ibc',
    'second_factor_requested',
    'Second Factor Authentication initiated',
    /\bSecond Factor Authentication initiated\b/,
  ),
  rule(
    'ibc-second-factor-not-completed',
    'ibc',
    'second_factor_timeout',
    'IBC closing because login has not completed after Second Factor Authentication',
    /\bIBC closing because login has not completed after Second Factor Authentication\b/,
  ),
  rule(
    'ibc-relogin-after-second-factor-timeout',
    'ibc',
    'second_factor_timeout',
    'Re-login after second factor authentication timeout',
    /\bRe-login after second factor authentication timeout\b/,
  ),
  rule(
    'ibc-existing-session',
    'ibc',
    'session_competing',
    'Existing session detected',
    /\bExisting session detected\b/,
  ),
  rule(
    'ibc-relogin-required',
    'ibc',
    'session_expired',
    'Re-login is required',
    /\bRe-login is required\b/,
  ),
  rule(
    'ibc-autorestart-missing',
    'ibc',
    'session_expired',
    'autorestart file not found',
    /\bautorestart file not found: full authentication will be required\b/,
  ),
  rule(
    'ibc-exit-1111',
    'ibc',
    'second_factor_timeout',
    '1111',
    /\bexit (?:code|status|value)[:= ]+1111\b/i,
  ),
  rule(
    'ibc-exit-1112',
    'ibc',
    'gateway_unavailable',
    '1112',
    /\bexit (?:code|status|value)[:= ]+1112\b/i,
  ),

  // IBeam (drives the Client Portal Gateway)
  rule(
    'ibeam-client-login-succeeds',
    'ibeam',
    'login_succeeded',
    'Client login succeeds',
    /\bClient login succeeds\b/,
  ),
  rule(
    'ibeam-logging-in-succeeded',
    'ibeam',
    'login_succeeded',
    'Logging in succeeded',
    /\bLogging in succeeded\b/,
  ),
  rule(
    'ibeam-logging-in-failed',
    'ibeam',
    'login_failed',
    'Logging in failed',
    /\bLogging in failed\b/,
  ),
  rule(
    'ibeam-invalid-credentials',
    'ibeam',
    'login_failed',
    'Invalid username password combination',
    /\bInvalid username password combination\b/,
  ),
  rule(
    'ibeam-max-failed-attempts',
    'ibeam',
    'lockout_risk',
    'Maximum number of failed authentication attempts',
    /\bMaximum number of failed authentication attempts\b/,
  ),
  rule(
    'ibeam-two-factor-required',
    'ibeam',
    'second_factor_requested',
    'two-factor authentication',
    /\brequires (?:notification )?two-factor authentication\b/,
  ),
  rule(
    'ibeam-no-2fa-handler',
    'ibeam',
    'second_factor_failed',
    'No 2FA handler found',
    /\bNo 2FA handler found\b/,
  ),
  rule(
    'ibeam-auth-timeout',
    'ibeam',
    'second_factor_timeout',
    'Timeout reached when waiting for authentication',
    /\bTimeout reached when waiting for authentication\b/,
  ),
  rule(
    'ibeam-competing-session',
    'ibeam',
    'session_competing',
    'Competing or disconnected Gateway session found',
    /\bCompeting or disconnected Gateway session found\b/,
  ),
  // Status prefixes: only at the start of IBeam's message (`...|W| COMPETING: Status(...)`).
  rule(
    'ibeam-status-competing',
    'ibeam',
    'session_competing',
    'COMPETING',
    /(?:^|\|\s*)COMPETING\b/,
  ),
  rule(
    'ibeam-status-not-authenticated',
    'ibeam',
    'session_expired',
    'NOT AUTHENTICATED',
    /(?:^|\|\s*)NOT AUTHENTICATED\b/,
  ),
  rule(
    'ibeam-status-no-session',
    'ibeam',
    'session_expired',
    'NO SESSION',
    /(?:^|\|\s*)NO SESSION\b/,
  ),
  rule(
    'ibeam-validation-false',
    'ibeam',
    'session_expired',
    'Validation result is False',
    /\bValidation result is False\b/,
  ),
  rule(
    'ibeam-reauthenticating-failed',
    'ibeam',
    'login_failed',
    'Repeatedly reauthenticating failed',
    /\bRepeatedly reauthenticating failed\b/,
  ),
  rule(
    'ibeam-running-authenticated',
    'ibeam',
    'session_healthy',
    'Gateway running and authenticated',
    /\bGateway running and authenticated\b/,
  ),

  // Web API responses, as a bot or the gateway logs them.
  rule(
    'webapi-auth-status-competing',
    'webapi',
    'session_competing',
    '"competing"',
    /auth\/status\b.*"competing"\s*:\s*true\b/,
  ),
  rule(
    'webapi-lst-invalid-consumer',
    'webapi',
    'login_failed',
    'nvalid consumer',
    /\binvalid consumer\b/i,
  ),
  rule(
    'webapi-lst-401',
    'webapi',
    'login_failed',
    'live_session_token',
    /\blive_session_token\b.*(?:\bstatus[=: ]+|\s)401\b/,
  ),
  rule(
    'webapi-lst-410',
    'webapi',
    'session_expired',
    'live_session_token',
    /\blive_session_token\b.*(?:\bstatus[=: ]+|\s)410\b/,
  ),
  rule(
    'webapi-401-not-authenticated',
    'webapi',
    'session_expired',
    '401',
    /(?:\bstatus[=: ]+|\s)401\b.*\bnot authenticated\b/i,
  ),
  rule(
    'webapi-market-data-not-subscribed',
    'webapi',
    'entitlement_missing',
    'ubscri',
    /\bmarket data (?:is )?not subscribed\b|\brequires additional subscription\b|\bnot subscribed to market data\b/i,
  ),
  rule(
    'webapi-no-permissions',
    'webapi',
    'entitlement_missing',
    'ermission',
    /\bno (?:market data |trading )permissions?\b/i,
  ),
  rule(
    'webapi-entitlement-changed',
    'webapi',
    'entitlement_changed',
    'ntitlement',
    /\bentitlements? (?:changed|revoked|removed)\b/i,
  ),
];

function rule(
  id: string,
  source: LoginSource,
  event: LoginEventName,
  literal: string,
  pattern: RegExp,
): ClassifierRule {
  return Object.freeze({ id, source, event, literal, pattern });
}

/** Every rule, in match order. */
export const CLASSIFIER_RULES: readonly ClassifierRule[] = Object.freeze(rules);
