import {
  categoryOf,
  LOGIN_EVENT_NAMES,
  LoginEventName,
  LoginSource,
} from '../contracts/login-event';

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
   * The stable part of the line, as the tool prints it. A line is only tested against
   * `pattern` when it contains this text, which keeps the classifier fast.
   */
  readonly literal: string;
  /** Confirms the match where the literal alone would also hit lines that mean nothing. */
  readonly pattern: RegExp;
}

type Row = [id: string, event: LoginEventName, literal: string, pattern: RegExp];

// Wording and casing are the tools' own (IbcAlpha/IBC src/ibcalpha/ibc, Voyz/ibeam
// ibeam/src, the TWS API message list as ib_insync / ib_async / ibapi / Lean log it, the
// Client Portal Web API's JSON). test/fixtures/logs/corpus cites a real line for each.
// Order matters: the first rule that matches wins, so a specific line comes before the
// generic one it contains ("Logging in succeeded, but ... not authenticated" before
// "Logging in succeeded"). Settings echoes (`ExistingSessionDetectedAction=primary`,
// `IBEAM_MAX_FAILED_AUTH=5`) contain none of the literals below.

// IBC (drives TWS / IB Gateway): `yyyy-MM-dd HH:mm:ss:SSS IBC: <message>`; its start script
// echoes without a prefix. A window event is logged as `detected dialog entitled: <title>;
// event=<Opened|Activated|...>`: only `Opened` counts, the rest repeat the same dialog.
const IBC: Row[] = [
  ['ibc-login-attempt', 'login_attempted', 'Login attempt: ', /\bLogin attempt: \d+/],
  // StopTask: "Login has completed: exiting via ..." is a shutdown, not a login.
  ['ibc-stop', 'gateway_restarting', ': exiting ', /\bLogin has (?:not )?completed: exiting\b/],
  ['ibc-login-completed', 'login_succeeded', 'Login has completed', /\bLogin has completed\b/],
  [
    'ibc-too-many-failed',
    'lockout_risk',
    'Too many failed login attempts',
    /\bToo many failed login attempts\b/,
  ],
  ['ibc-login-failed', 'login_failed', 'Login failed', /\bLogin failed\b(?!; event=(?!Opened))/],
  ['ibc-login-error-message', 'login_failed', 'Login error message:', /\bLogin error message:/],
  [
    'ibc-second-factor-initiated',
    'second_factor_requested',
    'Second Factor Authentication initiated',
    /\bSecond Factor Authentication initiated\b/,
  ],
  [
    'ibc-second-factor-device',
    'second_factor_failed',
    'second factor device',
    /\bcould not (?:find|select) second factor device\b|\bspecify the required second factor device\b/,
  ],
  [
    'ibc-second-factor-not-completed',
    'second_factor_timeout',
    'login has not completed after Second Factor Authentication',
    /\blogin has not completed after Second Factor Authentication\b/,
  ],
  // Both "... timeout in 5 second" and "... timeout not required": the prompt expired.
  [
    'ibc-relogin-after-second-factor-timeout',
    'second_factor_timeout',
    'Re-login after second factor authentication timeout',
    /\bRe-login after second factor authentication timeout\b/,
  ],
  [
    'ibc-exit-1111',
    'second_factor_timeout',
    '1111',
    /\bexit (?:code|status|value)\s*[=:]?\s*1111\b/i,
  ],
  // ibcstart.sh reports `$? % 256`: 1111 → 87, 1112 → 88.
  [
    'ibc-script-exit-87',
    'second_factor_timeout',
    'IBC returned exit status 87',
    /\bIBC returned exit status 87\b/,
  ],
  [
    'ibc-existing-session',
    'session_competing',
    'xisting session detected',
    /\bExisting session detected\b(?!; event=(?!Opened))/i,
  ],
  ['ibc-existing-session-scenario', 'session_competing', '(scenario ', /\(scenario [1-6]\)\s*$/],
  [
    'ibc-trading-login-handoff',
    'session_competing',
    'Trading Login Handoff dialog',
    /\bTrading Login Handoff dialog\b/,
  ],
  [
    'ibc-relogin-required',
    'session_expired',
    'Re-login is required',
    /\bRe-login is required\b(?!; event=(?!Opened))/,
  ],
  ['ibc-relogin-to-session', 'session_expired', 'Re-login to session', /\bRe-login to session\b/],
  [
    'ibc-autorestart-missing',
    'session_expired',
    'autorestart file not found',
    /\bautorestart file not found: full authentication will be required\b/,
  ],
  [
    'ibc-login-dialog-not-displayed',
    'gateway_unavailable',
    'failed to display login dialog',
    /\bfailed to display login dialog\b/,
  ],
  [
    'ibc-exit-1112',
    'gateway_unavailable',
    '1112',
    /\bexit (?:code|status|value)\s*[=:]?\s*1112\b/i,
  ],
  [
    'ibc-script-exit-88',
    'gateway_unavailable',
    'IBC returned exit status 88',
    /\bIBC returned exit status 88\b/,
  ],
  [
    'ibc-not-currently-available',
    'gateway_unavailable',
    'not currently available',
    /\bThe system is not currently available\b/,
  ],
  [
    'ibc-connection-to-server-failed',
    'connection_lost',
    'Connection to server failed',
    /\bConnection to server failed\b/,
  ],
  ['ibc-cold-restart', 'gateway_restarting', 'old restart', /\b[Cc]old restart in progress\b/],
  [
    'ibc-login-dialog-invalidated',
    'gateway_restarting',
    'Login dialog has been invalidated',
    /\bLogin dialog has been invalidated\b/,
  ],
  [
    'ibc-script-restart',
    'gateway_restarting',
    'IBC will ',
    /\bIBC will (?:cold-)?restart shortly\b/,
  ],
  [
    'ibc-restarting-session',
    'gateway_restarting',
    'Re-starting session',
    /\bRe-starting session\b/,
  ],
];

// IBeam (drives the Client Portal Gateway): `yyyy-mm-dd hh:mm:ss,mmm|L| <message>`.
const IBEAM: Row[] = [
  ['ibeam-login-attempt', 'login_attempted', 'Login attempt number ', /\bLogin attempt number \d+/],
  [
    'ibeam-client-login-succeeds',
    'login_succeeded',
    'Client login succeeds',
    /\bClient login succeeds\b/,
  ],
  [
    'ibeam-logged-in-not-authenticated',
    'session_expired',
    'active session is still not authenticated',
    /\bactive session is still not authenticated\b/,
  ],
  [
    'ibeam-logged-in-no-session',
    'session_expired',
    'there are still no active sessions',
    /\bthere are still no active sessions\b/,
  ],
  [
    'ibeam-logged-in-no-gateway',
    'gateway_unavailable',
    'now cannot communicate with the Gateway',
    /\bnow cannot communicate with the Gateway\b/,
  ],
  [
    'ibeam-authenticated-but-competing',
    'session_competing',
    'uthenticated but competing',
    /\b[Aa]uthenticated but competing\b/,
  ],
  [
    'ibeam-logging-in-succeeded',
    'login_succeeded',
    'Logging in succeeded',
    /\bLogging in succeeded\b/,
  ],
  ['ibeam-logging-in-failed', 'login_failed', 'Logging in failed', /\bLogging in failed\b/],
  [
    'ibeam-authentication-process-failed',
    'login_failed',
    'Authentication process failed',
    /\bAuthentication process failed\b/,
  ],
  [
    'ibeam-invalid-credentials',
    'login_failed',
    'Invalid username password combination',
    /\bInvalid username password combination\b/,
  ],
  [
    'ibeam-login-page-error',
    'login_failed',
    'Error displayed by the login webpage',
    /\bError displayed by the login webpage\b/,
  ],
  [
    'ibeam-login-timeout-counted',
    'login_failed',
    'counted as a failed login attempt',
    /\bcounted as a failed login attempt\b/,
  ],
  [
    'ibeam-max-failed-attempts',
    'lockout_risk',
    'Maximum number of failed authentication attempts',
    /\bMaximum number of failed authentication attempts\b/,
  ],
  [
    'ibeam-two-factor-required',
    'second_factor_requested',
    'two-factor authentication',
    /\brequires (?:notification )?two-factor authentication\b/,
  ],
  [
    'ibeam-two-factor-method',
    'second_factor_requested',
    '2FA method',
    /\bRequired to select a 2FA method\b/,
  ],
  [
    'ibeam-two-factor-acquire',
    'second_factor_requested',
    'Attempting to acquire 2FA code',
    /\bAttempting to acquire 2FA code\b/,
  ],
  [
    'ibeam-no-2fa-handler',
    'second_factor_failed',
    'No 2FA handler found',
    /\bNo 2FA handler found\b/,
  ],
  [
    'ibeam-two-factor-code-error',
    'second_factor_failed',
    '2FA code',
    /\bError encountered while acquiring 2FA code\b|\bIllegal 2FA code returned\b|\bNo 2FA code returned\b/,
  ],
  [
    'ibeam-two-factor-resend-element',
    'second_factor_failed',
    'Notification resend element not found',
    /\bNotification resend element not found\b/,
  ],
  [
    'ibeam-two-factor-sms',
    'second_factor_failed',
    'while loading sms messages',
    /\bTimeout or authentication error while loading sms messages\b/,
  ],
  [
    'ibeam-two-factor-resend-exhausted',
    'second_factor_timeout',
    'notification resend retries',
    /\bReached maximum number of notification resend retries\b/,
  ],
  [
    'ibeam-two-factor-resend-retry',
    'second_factor_timeout',
    'resending 2FA notification',
    /\bSuccess condition was not found when resending 2FA notification\b/,
  ],
  // IBeam waits IBEAM_OAUTH_TIMEOUT for the page to leave the login/2FA step: users see it
  // when the phone prompt is not approved in time (Voyz/ibeam#202).
  [
    'ibeam-auth-timeout',
    'second_factor_timeout',
    'Timeout reached when waiting for authentication',
    /\bTimeout reached when waiting for authentication\b/,
  ],
  [
    'ibeam-elements-timeout',
    'second_factor_timeout',
    'Timeout reached searching for website elements',
    /\bTimeout reached searching for website elements\b/,
  ],
  [
    'ibeam-competing-session',
    'session_competing',
    'ompeting',
    /\b(?:Competing or disconnected|Competing) Gateway session found\b/,
  ],
  // Status lines: `<STATE> Status(running=..., ...)` (older releases: `<STATE>: Status(`).
  ['ibeam-status-competing', 'session_competing', 'COMPETING', /(?:^|\|\s*)COMPETING:? Status\(/],
  ['ibeam-status-collision', 'session_competing', 'COLLISION', /(?:^|\|\s*)COLLISION:? Status\(/],
  [
    'ibeam-status-not-running',
    'gateway_unavailable',
    'NOT RUNNING',
    /(?:^|\|\s*)NOT RUNNING:? Status\(/,
  ],
  ['ibeam-status-no-session', 'session_expired', 'NO SESSION', /(?:^|\|\s*)NO SESSION:? Status\(/],
  [
    'ibeam-status-not-connected',
    'connection_lost',
    'NOT CONNECTED',
    /(?:^|\|\s*)NOT CONNECTED:? Status\(/,
  ],
  [
    'ibeam-status-not-authenticated',
    'session_expired',
    'NOT AUTHENTICATED',
    /(?:^|\|\s*)NOT AUTHENTICATED:? Status\(/,
  ],
  [
    'ibeam-status-authenticated',
    'session_healthy',
    'AUTHENTICATED',
    /(?:^|\|\s*)AUTHENTICATED:? Status\(/,
  ],
  [
    'ibeam-session-not-authenticated',
    'session_expired',
    'but not authenticated',
    /\b(?:found|active|running) but not authenticated\b/,
  ],
  ['ibeam-no-active-sessions', 'session_expired', 'No active sessions', /\bNo active sessions\b/],
  [
    'ibeam-gateway-session-state',
    'session_expired',
    'Gateway',
    /\bNo active Gateway session\b|\bGateway (?:session )?not authenticated\.$/,
  ],
  [
    'ibeam-no-session-returned',
    'session_expired',
    '"no session" returned',
    /"no session" returned/,
  ],
  [
    'ibeam-validation-false',
    'session_expired',
    'Validation result is False',
    /\bValidation result is False\b/,
  ],
  [
    'ibeam-reauthenticating-failed',
    'login_failed',
    'Repeatedly reauthenticating failed',
    /\bRepeatedly reauthenticating failed\b/,
  ],
  [
    'ibeam-max-reauthenticate',
    'login_failed',
    'Max reauthenticate retries reached',
    /\bMax reauthenticate retries reached\b/,
  ],
  [
    'ibeam-ibkr-server-error',
    'gateway_unavailable',
    'IBKR serv',
    /\bIBKR server error\b|\bIBKR service unavailable\b/,
  ],
  [
    'ibeam-gateway-unreachable',
    'gateway_unavailable',
    'Gateway',
    /\bCannot communicate with the Gateway\b|\bConnection to Gateway (?:refused|was forcibly closed)\b|\bGateway process found but cannot establish a connection\b|\bGateway running but not serving yet\b|\bGateway not running\./,
  ],
  [
    'ibeam-gateway-process-missing',
    'gateway_unavailable',
    'Cannot find gateway process',
    /\bCannot find gateway process\b/,
  ],
  [
    'ibeam-connection-timeout',
    'gateway_unavailable',
    'Connection timeout after',
    /\bConnection timeout after \d+ seconds\b/,
  ],
  [
    'ibeam-gateway-starting',
    'gateway_restarting',
    'Gateway not found, starting new one',
    /\bGateway not found, starting new one\b/,
  ],
  ['ibeam-shutting-down', 'gateway_restarting', 'Shutting IBeam down', /\bShutting IBeam down\b/],
  [
    'ibeam-running-authenticated',
    'session_healthy',
    'Gateway running and authenticated',
    /\bGateway running and authenticated\b/,
  ],
];

// TWS API messages (server codes and client-side errors) as client libraries log them:
// ib_insync / ib_async `Error 1100, reqId -1: <text>`, ibapi `ERROR -1 1100 <text>`, Lean
// `ErrorCode: 1100 - <text>`, stoqey/ib `<text> (Error #1100)`. The text is the stable part.
const TWS_API: Row[] = [
  [
    'tws-connectivity-lost',
    'connection_lost',
    'Connectivity between',
    /\bConnectivity between (?:IB|IBKR) and (?:Trader Workstation|TWS) has been lost\b|\bConnectivity between Trader Workstation and server is broken\b/,
  ],
  [
    'tws-connectivity-restored',
    'connection_restored',
    'Connectivity between',
    /\bConnectivity between (?:IB|IBKR) and (?:Trader Workstation|TWS) has been restored\b/,
  ],
  [
    'tws-farm-broken',
    'connection_lost',
    'farm connection is broken',
    /\b(?:Market data|HMDS data|Sec-def data) farm connection is broken\b/,
  ],
  [
    'tws-competing-live-session',
    'session_competing',
    'competing live session',
    /\bNo market data during competing live session\b/,
  ],
  [
    'lean-competing-session',
    'session_competing',
    'competing session',
    /\bnew competing session was started\b/,
  ],
  [
    'lean-connection-lost',
    'connection_lost',
    'Connection with Interactive Brokers lost',
    /\bConnection with Interactive Brokers lost\b/,
  ],
  [
    'tws-client-id-in-use',
    'client_id_in_use',
    'already in use',
    /\bclient id is already in use\b|\bclientId \d+ already in use\b/i,
  ],
  ['tws-couldnt-connect', 'gateway_unavailable', 't connect to TWS', /\bCouldn't connect to TWS\b/],
  [
    'tws-502',
    'gateway_unavailable',
    '502',
    /\(Error #502\)|\bErrorCode: 502\b|\bError 502, reqId\b/,
  ],
  [
    'tws-not-connected-504',
    'gateway_unavailable',
    'Not connected',
    /\b504\b\D{0,24}Not connected\b|\bNot connected\W{0,3}\(Error #504\)/,
  ],
  [
    'tws-api-connection-failed',
    'gateway_unavailable',
    'API ',
    /\bAPI connection failed\b|\bMake sure API port on TWS\/IBG is open\b/,
  ],
  [
    'tws-peer-closed',
    'gateway_unavailable',
    'Peer closed connection',
    /\bPeer closed connection\b/,
  ],
  [
    'tws-market-data-not-subscribed',
    'entitlement_missing',
    'ubscri',
    /\bmarket data is not subscribed\b|\brequires additional subscription\b|\bnot subscribed to market data\b/i,
  ],
  [
    'tws-no-permissions',
    'entitlement_missing',
    'ermission',
    /\bno (?:market data|trading) permissions?\b/i,
  ],
];

// Client Portal Web API responses, raw or inside a bot's log line: JSON (`"competing":true`)
// or a Python dict (`'competing': True`) from /iserver/auth/status, /tickle, /sso/validate and
// the websocket `sts` topic. `authenticated` and `connected` are common words in other
// services' JSON, so those flags count only beside IBKR's `competing` key or in an `sts`
// message; the capture group is what a login event reports, never the rest of the body.
const IBKR_STATUS = String.raw`^(?=.*["'](?:competing["']\s*:|topic["']\s*:\s*["']sts["'])).*?`;
const ibkrFlag = (flag: string, value: 'true' | 'false') =>
  new RegExp(
    `${IBKR_STATUS}(["']${flag}["']\\s*:\\s*(?:${value}|${value[0].toUpperCase()}${value.slice(1)})\\b)`,
  );

const WEB_API: Row[] = [
  ['webapi-lst-invalid-consumer', 'login_failed', 'nvalid consumer', /\binvalid consumer\b/i],
  [
    'webapi-lst-401',
    'login_failed',
    'live_session_token',
    /\blive_session_token\b.*(?:\bstatus[=: ]+|\s)401\b/,
  ],
  [
    'webapi-lst-410',
    'session_expired',
    '410',
    /\blive_session_token\b.*(?:\bstatus[=: ]+|\s)410\b|\bOAuth 410 gone\b/,
  ],
  [
    'webapi-status-competing',
    'session_competing',
    'competing',
    /["']competing["']\s*:\s*(?:true|True)\b/,
  ],
  [
    'webapi-status-unauthenticated',
    'session_expired',
    'authenticated',
    ibkrFlag('authenticated', 'false'),
  ],
  [
    'webapi-ws-status-unauthenticated',
    'session_expired',
    'Status unauthenticated:',
    /\bStatus unauthenticated:/,
  ],
  ['webapi-status-disconnected', 'connection_lost', 'connected', ibkrFlag('connected', 'false')],
  [
    'webapi-status-authenticated',
    'session_healthy',
    'authenticated',
    ibkrFlag('authenticated', 'true'),
  ],
  [
    'webapi-sso-validate-false',
    'session_expired',
    'RESULT',
    /["']RESULT["']\s*:\s*(?:false|False)\b/,
  ],
  ['webapi-no-session', 'session_expired', 'no session', /["']error["']\s*:\s*["']no session["']/],
  ['webapi-init-session-first', 'session_expired', 'Init session first', /\bInit session first\b/],
  // `"hmds":{"error":"no bridge"}` is normal in /tickle; only a refused request counts.
  ['webapi-no-bridge', 'session_expired', 'no bridge', /\b400\b.{0,40}\bno bridge\b/],
  [
    'webapi-401-not-authenticated',
    'session_expired',
    '401',
    /(?:\bstatus[=: ]+|\s|::\s*)401\b.*\bnot authenticated\b/i,
  ],
  [
    'webapi-client-not-authenticated',
    'session_expired',
    'ot authenticated',
    /\bGateway session is not authenticated\b|\bNot authenticated, closing WebSocketApp\b/,
  ],
  [
    'webapi-connection-not-healthy',
    'session_expired',
    'IBKR connection is not healthy',
    /\bIBKR connection is not healthy\b/,
  ],
  [
    'webapi-gateway-timeout',
    'gateway_unavailable',
    'ConnectTimeout raised',
    /\bConnectTimeout raised when communicating with the Gateway\b/,
  ],
  [
    'webapi-entitlement-changed',
    'entitlement_changed',
    'ntitlement',
    /\bentitlements? (?:changed|revoked|removed)\b/i,
  ],
];

// gnzsnz/ib-gateway-docker: its own lines start with `.> `; compose prefixes every line with
// `<service>-1  | `, which the rules above ignore.
const GATEWAY: Row[] = [
  [
    'gateway-docker-shutdown',
    'gateway_restarting',
    'Shutting down IB Gateway',
    /\bShutting down IB Gateway\b/,
  ],
  [
    'gateway-docker-xvfb-timeout',
    'gateway_unavailable',
    'Timed out waiting for Xvfb',
    /\bTimed out waiting for Xvfb socket\b/,
  ],
  [
    'gateway-socat-unreachable',
    'gateway_unavailable',
    'socat[',
    /\bsocat\[\d+\] E connect\(.*\bConnection (?:refused|timed out)\b/,
  ],
];

function rules(source: LoginSource, rows: readonly Row[]): ClassifierRule[] {
  return rows.map(([id, event, literal, pattern]) =>
    Object.freeze({ id, source, event, literal, pattern }),
  );
}

/** Every rule, in match order. */
export const CLASSIFIER_RULES: readonly ClassifierRule[] = Object.freeze([
  ...rules('ibc', IBC),
  ...rules('ibeam', IBEAM),
  ...rules('bot', TWS_API),
  ...rules('webapi', WEB_API),
  ...rules('gateway', GATEWAY),
]);

const SOURCE_COLUMNS: readonly [LoginSource, string][] = [
  ['ibc', 'IBC'],
  ['ibeam', 'IBeam'],
  ['bot', 'TWS API clients'],
  ['webapi', 'Web API'],
  ['gateway', 'gateway container'],
];

/**
 * The README's signal table: per event, how many rules recognise it in each tool's output.
 * test/monitoring/classify.test.ts fails while the README differs from it.
 */
export function signalTableMarkdown(): string {
  const header = ['event', 'category', ...SOURCE_COLUMNS.map(([, label]) => label)];
  const rows = LOGIN_EVENT_NAMES.filter((e) => CLASSIFIER_RULES.some((r) => r.event === e)).map(
    (event) => [
      `\`${event}\``,
      categoryOf(event),
      ...SOURCE_COLUMNS.map(([source]) => {
        const n = CLASSIFIER_RULES.filter((r) => r.event === event && r.source === source).length;
        return n === 0 ? '' : String(n);
      }),
    ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}
