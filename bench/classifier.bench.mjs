// Classifier throughput on a generated 100k-line log (IBC, IBeam, TWS API client and Web API
// lines, one in ten a login signal), and the detection window
// (period x evaluation periods) of every alarm in the synthesized default stack.
// Runs against dist/ (npm run bench builds first). Targets: >= 200k lines/s; every login
// alarm's window <= 5 minutes.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const { classifyLine } = require(join(root, 'dist/lib/monitoring/classify.js'));

// --- throughput -------------------------------------------------------------------------
// IBC and IBeam lines as the tools print them, with TWS API client lines (ib_insync) and Web
// API bodies inside a bot's log: one line in ten is a login signal, as in a real gateway log
// with a heartbeat. Noise includes lines that contain rule literals but match no rule.
const NOISE = [
  'IBC: detected frame entitled: IBKR Gateway; event=Activated',
  'IBC: Market data farm connection is OK:usfarm',
  'IBC: ExistingSessionDetectedAction=primary',
  'IBC: Click button: OK',
  '|I| Maintenance',
  '|I| Gateway connection established',
  '|I| Status(running=True, session=True, authenticated=True, competing=False)',
  '|D| Cookie jar refreshed, 4 cookies',
  'ib_insync.wrapper INFO Warning 2104, reqId -1: Market data farm connection is OK:usfarm',
  'ib_insync.client INFO Connecting to 127.0.0.1:4002 with clientId 1...',
  'bot: GET /v1/api/portfolio/accounts 200 [{"id":"U1234567","currency":"USD"}]',
  'bot: order 1112 filled at 101.5, 401 shares',
];
const SIGNAL = [
  'IBC: Login attempt: 1',
  'IBC: Login has completed',
  'IBC: Second Factor Authentication initiated',
  'IBC: Other session may be primary, so end this session and let the other one proceed (scenario 6)',
  '|I| Gateway running and authenticated, session id: 3f2a, server name: JifN19053',
  '|E| Logging in failed',
  '|I| NOT AUTHENTICATED Status(running=True, session=True, connected=True, authenticated=False, competing=False, collision=False)',
  '|W| COMPETING Status(running=True, competing=True)',
  'ib_insync.wrapper ERROR Error 1100, reqId -1: Connectivity between IB and Trader Workstation has been lost.',
  'bot: tickle {"session":"3f2a","hmds":{"error":"no bridge"},"iserver":{"authStatus":{"authenticated":true,"competing":false,"connected":true}}}',
];
function line(i) {
  // Signals take every tenth line; number them on their own so each pool cycles in full.
  const signal = i % 10 === 0;
  const n = signal ? i / 10 : i;
  const text = (signal ? SIGNAL : NOISE)[n % (signal ? SIGNAL.length : NOISE.length)];
  const s = String(i % 60).padStart(2, '0');
  const ms = String(i % 1000).padStart(3, '0');
  // Each line keeps its tool's own stamp: IBC `HH:mm:ss:SSS `, IBeam `HH:mm:ss,SSS`.
  if (text.startsWith('IBC: ')) return `2026-01-05 09:30:${s}:${ms} ${text}`;
  if (text.startsWith('|')) return `2026-01-05 09:30:${s},${ms}${text}`;
  return `2026-01-05 09:30:${s},${ms} ${text}`;
}
const LINES = Array.from({ length: 100_000 }, (_, i) => line(i));

function pass() {
  let matched = 0;
  const t0 = process.hrtime.bigint();
  for (const l of LINES) if (classifyLine(l)) matched += 1;
  const ns = Number(process.hrtime.bigint() - t0);
  return { rate: LINES.length / (ns / 1e9), matched };
}
pass(); // warm-up: JIT and regex compilation
const runs = Array.from({ length: 7 }, pass);
const rates = runs.map((r) => r.rate).sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];
console.log(
  `classifier: ${LINES.length} lines (IBC, IBeam, TWS API clients, Web API in bot logs), ${runs[0].matched} classified per pass`,
);
console.log(
  `classifier: median ${Math.round(median).toLocaleString('en-US')} lines/s over ${runs.length} passes (min ${Math.round(rates[0]).toLocaleString('en-US')}, max ${Math.round(rates.at(-1)).toLocaleString('en-US')})`,
);
console.log(
  `classifier: ${(median / 200_000).toFixed(2)}x the 200k lines/s target -> ${median >= 200_000 ? 'MET' : 'MISSED'}`,
);

// --- detection windows ------------------------------------------------------------------
const { createDefaultApp } = require(join(root, 'dist/lib/stacks/default-app.js'));
const context = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;
// The default config plus one log source, so that the classifier's alarms exist too.
context.brokerguard = {
  ...context.brokerguard,
  monitoring: {
    logSources: [{ logGroupName: '/ibeam/paper', segment: 'automation', source: 'ibeam' }],
  },
};
const outdir = mkdtempSync(join(tmpdir(), 'bg-bench-'));
const { app, stack } = createDefaultApp({
  outdir,
  context,
  builtinCloudFormationValidation: false,
});
const template = app.synth().getStackByName(stack.stackName).template;
rmSync(outdir, { recursive: true, force: true });

const rows = [];
for (const r of Object.values(template.Resources)) {
  if (r.Type !== 'AWS::CloudWatch::Alarm') continue;
  const p = r.Properties;
  const stats = (p.Metrics ?? []).filter((m) => m.MetricStat).map((m) => m.MetricStat);
  const period =
    p.Period ??
    Math.max(...stats.map((s) => s.Period), ...(p.Metrics ?? []).map((m) => m.Period ?? 0));
  const namespaces = new Set(
    [p.Namespace, ...stats.map((s) => s.Metric.Namespace)].filter(Boolean),
  );
  rows.push({
    name: typeof p.AlarmName === 'string' ? p.AlarmName : JSON.stringify(p.AlarmName),
    window: period * (p.EvaluationPeriods ?? 1),
    period,
    evaluations: p.EvaluationPeriods ?? 1,
    login: namespaces.has('BrokerGuard/Login'),
  });
}
rows.sort((a, b) => a.name.localeCompare(b.name));
const fmt = (s) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);
console.log(
  `\nalarm detection windows in the default stack (cdk.json config + one IBeam log source; ${rows.length} alarms):`,
);
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(52)} ${fmt(r.period).padStart(6)} x ${r.evaluations} = ${fmt(r.window).padStart(6)}${r.login ? '  (login)' : ''}`,
  );
}
// session-expired waits the configured re-login grace by design (reloginGraceMinutes).
const grace = rows.filter((r) => r.login && /-session-expired$/.test(r.name));
const login = rows.filter((r) => r.login && !grace.includes(r));
const worst = Math.max(...login.map((r) => r.window));
console.log(
  `\nlogin alarms: ${login.length}, longest window ${fmt(worst)} (target <= 5 min) -> ${worst <= 300 ? 'MET' : 'MISSED'}`,
);
for (const r of grace)
  console.log(
    `  ${r.name}: ${fmt(r.window)} = the configured re-login grace (reloginGraceMinutes), by design`,
  );
