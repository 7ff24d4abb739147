import { hostname, userInfo } from 'node:os';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  DescribeExecutionCommand,
  DescribeExecutionCommandOutput,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { BrokerGuardError } from '../errors';
import { PLAYBOOKS, PlaybookName, PlaybookScope } from '../response/playbook';
import { describePlan } from '../response/report';
import {
  explainAwsError,
  findIncidentOutputs,
  resolveDeploymentName,
} from '../response/deployment-lookup';
import { SEGMENT_NAMES } from '../contracts';
import {
  CliIO,
  CliVerb,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  oneLine,
  OutputClosed,
  reportUsage,
} from './io';
import { parseOptions } from './options';

const USAGE = `usage: brokerguard incident <lost-device|suspected-exposure> --segment <${SEGMENT_NAMES.join('|')}|all> [--confirm]
       brokerguard incident status [--segment <name|all>] [--execution ARN]
options: --deployment NAME (default: cdk.json's deployment.name, else paper), --region REGION

Prints the plan and does nothing without --confirm. With --confirm it starts the playbook with
your AWS credentials (the admin segment's role, with MFA), follows it and prints the report.
`;

/** The AWS side of the verb; tests pass clients of their own and a fast clock. */
export interface IncidentDeps {
  readonly cloudFormation: CloudFormationClient;
  readonly sfn: SFNClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly cwd: string;
  /** How long to follow a run before handing over to `incident status`. */
  readonly followTimeoutMs: number;
}

/** What the state machine's last state returns (see IncidentResponse). */
interface PlaybookExecutionOutput {
  outcome?: 'completed' | 'completed-with-failures' | 'rejected';
  text?: string;
  audit?: { status: string; cause?: string };
  notification?: { status: string; cause?: string };
}

function defaultDeps(region: string | undefined): IncidentDeps {
  return {
    cloudFormation: new CloudFormationClient(region ? { region } : {}),
    sfn: new SFNClient(region ? { region } : {}),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => new Date(),
    cwd: process.cwd(),
    followTimeoutMs: 10 * 60_000,
  };
}

const COMMAND = 'brokerguard incident';

function usageError(io: CliIO, message: string): number {
  return reportUsage(io, COMMAND, message, { helpHint: true });
}

/** Execution names are unique per state machine for 90 days; the time makes them so. */
function executionName(playbook: string, scope: string, now: Date): string {
  return `${playbook}-${scope}-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

async function requestedBy(sfn: SFNClient, env: NodeJS.ProcessEnv): Promise<string> {
  let who = 'brokerguard CLI';
  try {
    who += ` ${userInfo().username}@${hostname()}`;
  } catch {
    // userInfo throws where the uid has no passwd entry (some containers): the host will do.
  }
  if (env.AWS_PROFILE) who += `, profile ${env.AWS_PROFILE}`;
  // The access key id (never the secret) ties this line to CloudTrail's StartExecution event.
  const creds = await sfn.config.credentials();
  return `${who}, access key ${creds.accessKeyId}`;
}

function printExecutionResult(io: CliIO, out: DescribeExecutionCommandOutput): number {
  if (out.status !== 'SUCCEEDED') {
    io.stderr(
      `${COMMAND}: the playbook run ended ${out.status}${out.error ? `: ${out.error}` : ''}${out.cause ? ` (${out.cause})` : ''}\n`,
    );
    return EXIT_FINDINGS;
  }
  const result = JSON.parse(out.output ?? '{}') as PlaybookExecutionOutput;
  io.stdout(result.text ?? '(the run returned no report)\n');
  for (const [what, r] of [
    ['audit record', result.audit],
    ['alert-channel notification', result.notification],
  ] as const) {
    if (r && r.status !== 'done')
      io.stderr(`${COMMAND}: warning: the ${what} failed: ${r.cause ?? r.status}\n`);
  }
  if (result.outcome === 'completed') return EXIT_OK;
  if (result.outcome === 'rejected') return EXIT_USAGE;
  return EXIT_FINDINGS;
}

async function follow(
  io: CliIO,
  deps: IncidentDeps,
  executionArn: string,
  ownSessionRevoked: boolean,
): Promise<number> {
  const deadline = deps.now().getTime() + deps.followTimeoutMs;
  for (;;) {
    let out: DescribeExecutionCommandOutput;
    try {
      out = await deps.sfn.send(new DescribeExecutionCommand({ executionArn }));
    } catch (err) {
      const denied =
        err instanceof Error &&
        /AccessDenied|ExpiredToken|not authorized/i.test(`${err.name} ${err.message}`);
      if (denied && ownSessionRevoked) {
        io.stdout(
          'your own admin session has just been revoked by the playbook, as planned. It runs on; the report\n' +
            'goes to the alert channel. Sign in again and run: brokerguard incident status\n',
        );
        return EXIT_OK;
      }
      throw explainAwsError(err, '');
    }
    if (out.status !== 'RUNNING' && out.status !== 'PENDING_REDRIVE')
      return printExecutionResult(io, out);
    if (deps.now().getTime() >= deadline) {
      io.stdout(
        `still running after ${Math.round(deps.followTimeoutMs / 1000)} s; check later with: brokerguard incident status\n`,
      );
      return EXIT_OK;
    }
    await deps.sleep(2000);
  }
}

async function status(
  io: CliIO,
  deps: IncidentDeps,
  stateMachineArn: string,
  scope?: string,
  execution?: string,
): Promise<number> {
  if (execution) {
    return printExecutionResult(
      io,
      await deps.sfn.send(new DescribeExecutionCommand({ executionArn: execution })),
    );
  }
  const listed = await deps.sfn.send(
    new ListExecutionsCommand({ stateMachineArn, maxResults: 20 }),
  );
  // Runs the CLI started are named <playbook>-<scope>-<time>; those auto-containment started
  // carry EventBridge's id instead, so a scope filter keeps them rather than hide them.
  const ours = /^(lost-device|suspected-exposure)-/;
  const runs = (listed.executions ?? []).filter(
    (e) => !scope || !ours.test(e.name ?? '') || e.name?.includes(`-${scope}-`),
  );
  if (runs.length === 0) {
    io.stdout(`no playbook runs${scope ? ` for ${scope}` : ''} in the last 90 days\n`);
    return EXIT_OK;
  }
  io.stdout('recent playbook runs (newest first):\n');
  for (const r of runs.slice(0, 5)) {
    io.stdout(`  ${r.startDate?.toISOString() ?? '?'}  ${(r.status ?? '?').padEnd(9)} ${r.name}\n`);
  }
  io.stdout('\nlatest report:\n');
  const latest = await deps.sfn.send(
    new DescribeExecutionCommand({ executionArn: runs[0].executionArn }),
  );
  if (latest.status === 'RUNNING') {
    io.stdout('  still running\n');
    return EXIT_OK;
  }
  return printExecutionResult(io, latest);
}

/** `brokerguard incident` with injectable AWS clients. */
export async function runIncident(
  args: string[],
  io: CliIO,
  makeDeps: (region?: string) => IncidentDeps,
): Promise<number> {
  const scopes = [...SEGMENT_NAMES, 'all'];
  const actions = [...PLAYBOOKS, 'status'];
  let parsed;
  try {
    parsed = parseOptions(args, {
      segment: { type: 'string', choices: scopes },
      deployment: { type: 'string' },
      region: { type: 'string' },
      execution: { type: 'string' },
      confirm: { type: 'boolean' },
    });
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (parsed.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const [action, ...extra] = positionals;
  if (!action) return usageError(io, `name an action: ${actions.join(', ')}`);
  if (!actions.includes(action)) {
    return usageError(io, `unknown action "${action}"; allowed: ${actions.join(', ')}`);
  }
  if (extra.length > 0) {
    return usageError(io, `one action only, got "${action}" and then "${extra.join(' ')}"`);
  }
  const deps = makeDeps(values.region);
  let deployment: string;
  try {
    deployment = resolveDeploymentName(values.deployment, deps.cwd);
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  try {
    if (action === 'status') {
      const outputs = await findIncidentOutputs(deps.cloudFormation, deployment);
      return await status(io, deps, outputs.stateMachineArn, values.segment, values.execution);
    }
    if (values.segment === undefined) {
      return usageError(io, `--segment is required: one of ${scopes.join(', ')}`);
    }
    const playbook = action as PlaybookName;
    const scope = values.segment as PlaybookScope;
    io.stdout(
      `brokerguard incident ${playbook} --segment ${scope} (deployment ${deployment})\n\nplan:\n`,
    );
    describePlan(playbook, scope).forEach((line, i) => io.stdout(`  ${i + 1}. ${line}\n`));
    if (!values.confirm) {
      io.stdout('\nnothing done. Add --confirm to start it.\n');
      return EXIT_OK;
    }
    const outputs = await findIncidentOutputs(deps.cloudFormation, deployment);
    const started = await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: outputs.stateMachineArn,
        name: executionName(playbook, scope, deps.now()),
        input: JSON.stringify({
          playbook,
          scope,
          requestedBy: await requestedBy(deps.sfn, io.env),
        }),
      }),
    );
    io.stdout(`\nstarted ${started.executionArn}\nfollowing it...\n\n`);
    return await follow(io, deps, started.executionArn!, scope === 'all' || scope === 'admin');
  } catch (err) {
    if (err instanceof OutputClosed) throw err;
    const e = explainAwsError(err, deployment);
    io.stderr(`${COMMAND}: ${oneLine(e.message)}\n`);
    // Setup problems (credentials, region, a deployment that is not there) are usage errors.
    return e instanceof BrokerGuardError ? EXIT_USAGE : EXIT_FINDINGS;
  }
}

export const run: CliVerb = (args, io) => runIncident(args, io, defaultDeps);
