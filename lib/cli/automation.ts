import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { BrokerGuardError } from '../errors';
import { explainAwsError, resolveDeploymentName } from '../response/deployment-lookup';
import { automationSwitchParameterName } from '../runtime/automation-switch';
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
import {
  findGateway,
  GatewayCounts,
  gatewayCounts,
  GatewayRef,
  loginIsPlaceholder,
  putLoginCommand,
  scaleGateway,
} from './gateway-control';
import { parseOptions } from './options';

const USAGE = `usage: brokerguard automation <status|pause|resume> [--confirm] [--force]
options: --deployment NAME (default: cdk.json's deployment.name, else paper), --region REGION

pause   turns the automation switch off at once and scales the gateway host to 0 tasks
        (always safe, no --confirm needed)
resume  turns it back on and starts the gateway host (1 task): a deliberate admin action.
        Without --confirm it only says what it would do; it refuses while an alarm of the
        deployment is in ALARM unless --force, and always while the gateway's login
        credential still holds the placeholder generated at deploy.
`;

/** The AWS side of the verb; tests pass clients of their own. */
export interface AutomationDeps {
  readonly ssm: SSMClient;
  readonly cloudWatch: CloudWatchClient;
  /** Finds the gateway host in the stack's outputs. */
  readonly cloudFormation: CloudFormationClient;
  /** Scales the gateway host. */
  readonly ecs: ECSClient;
  /** Tells whether the gateway's login is still a placeholder (DescribeSecret only). */
  readonly secretsManager: SecretsManagerClient;
  readonly cwd: string;
}

function defaultDeps(region?: string): AutomationDeps {
  const config = region ? { region } : {};
  return {
    ssm: new SSMClient(config),
    cloudWatch: new CloudWatchClient(config),
    cloudFormation: new CloudFormationClient(config),
    ecs: new ECSClient(config),
    secretsManager: new SecretsManagerClient(config),
    cwd: process.cwd(),
  };
}

const COMMAND = 'brokerguard automation';
const ACTIONS = ['status', 'pause', 'resume'];

function usageError(io: CliIO, message: string): number {
  return reportUsage(io, COMMAND, message, { helpHint: true });
}

async function readSwitch(
  deps: AutomationDeps,
  name: string,
  deployment: string,
): Promise<{ value: string; changed?: Date }> {
  try {
    const out = await deps.ssm.send(new GetParameterCommand({ Name: name }));
    return { value: out.Parameter?.Value ?? '', changed: out.Parameter?.LastModifiedDate };
  } catch (err) {
    if (err instanceof Error && err.name === 'ParameterNotFound') {
      const region = await deps.ssm.config.region().catch(() => 'the configured region');
      throw new BrokerGuardError(
        'DEPLOYMENT_NOT_FOUND',
        `deployment "${deployment}" has no automation switch in ${region} (no parameter ${name}): check --deployment and --region, or deploy it first`,
      );
    }
    throw err;
  }
}

async function writeSwitch(
  deps: AutomationDeps,
  name: string,
  value: 'true' | 'false',
): Promise<void> {
  await deps.ssm.send(
    new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }),
  );
}

/** `brokerguard automation` with injectable AWS clients. */
export async function runAutomation(
  args: string[],
  io: CliIO,
  makeDeps: (region?: string) => AutomationDeps,
): Promise<number> {
  let parsed;
  try {
    parsed = parseOptions(args, {
      deployment: { type: 'string' },
      region: { type: 'string' },
      confirm: { type: 'boolean' },
      force: { type: 'boolean' },
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
  if (!action) return usageError(io, `name an action: ${ACTIONS.join(', ')}`);
  if (!ACTIONS.includes(action)) {
    return usageError(io, `unknown action "${action}"; allowed: ${ACTIONS.join(', ')}`);
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
  const name = automationSwitchParameterName(deployment);
  try {
    const current = await readSwitch(deps, name, deployment);
    const gateway = await findGateway(deps.cloudFormation, deployment);
    const counts = gateway ? await gatewayCounts(deps.ecs, gateway) : undefined;
    const state = current.value === 'true' ? 'ENABLED' : 'PAUSED';
    const since = current.changed ? ` since ${current.changed.toISOString()}` : '';
    const hostLine = (c: GatewayCounts) =>
      `gateway host ${gateway!.clusterName}/${gateway!.serviceName}: ${c.running} running, ${c.desired} desired\n`;
    if (action === 'status') {
      io.stdout(
        `automation of ${deployment} is ${state}${since} (${name} = ${JSON.stringify(current.value)})\n`,
      );
      if (counts) io.stdout(hostLine(counts));
      return EXIT_OK;
    }
    if (action === 'pause') {
      await writeSwitch(deps, name, 'false');
      io.stdout(
        `automation of ${deployment} is PAUSED (${name} = "false"). The trading server stops at its next switch check.\n`,
      );
      if (gateway && counts!.desired > 0) {
        await scaleGateway(deps.ecs, gateway, 0);
        io.stdout(
          `gateway host ${gateway.serviceName} scaled from ${counts!.desired} to 0 tasks: it logs out now.\n`,
        );
      } else if (gateway) {
        io.stdout(`gateway host ${gateway.serviceName} already has 0 desired tasks.\n`);
      }
      io.stdout(
        'To stop a trading server outside the gateway host at once, scale its ECS service to zero or stop its instance as well.\n',
      );
      return EXIT_OK;
    }
    return await resume(io, deps, { deployment, name, current, since, gateway, counts, values });
  } catch (err) {
    if (err instanceof OutputClosed) throw err;
    const e = explainAwsError(err, deployment);
    io.stderr(`${COMMAND}: ${oneLine(e.message)}\n`);
    return e instanceof BrokerGuardError ? EXIT_USAGE : EXIT_FINDINGS;
  }
}

interface ResumeState {
  readonly deployment: string;
  readonly name: string;
  readonly current: { value: string };
  readonly since: string;
  readonly gateway?: GatewayRef;
  readonly counts?: GatewayCounts;
  readonly values: { confirm?: boolean; force?: boolean };
}

async function resume(io: CliIO, deps: AutomationDeps, s: ResumeState): Promise<number> {
  const { deployment, name, gateway, values } = s;
  const switchOff = s.current.value !== 'true';
  const hostStopped = gateway !== undefined && s.counts!.desired === 0;
  if (!switchOff && !hostStopped) {
    io.stdout(`automation of ${deployment} is already ENABLED; nothing to do\n`);
    return EXIT_OK;
  }
  if (gateway && (await loginIsPlaceholder(deps.secretsManager, gateway.loginSecretName))) {
    // Not overridable: a placeholder login can only fail at IBKR, and failures lead to a lock-out.
    io.stderr(
      `${COMMAND}: refusing to resume: the gateway login ${gateway.loginSecretName} still holds the placeholder generated at deploy. Put the IBKR login first (admin role):\n  ${putLoginCommand(gateway.loginSecretName)}\n`,
    );
    return EXIT_FINDINGS;
  }
  let alarms: string[];
  try {
    const firing = await deps.cloudWatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: `${deployment}-`, StateValue: 'ALARM' }),
    );
    alarms = [...(firing.MetricAlarms ?? []), ...(firing.CompositeAlarms ?? [])].map(
      (a) => a.AlarmName ?? '?',
    );
  } catch (err) {
    // Not knowing whether a lock-out alarm fires is no reason to resume: ask for --force.
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    alarms = [`(cannot tell: ${reason})`];
  }
  io.stdout(
    switchOff
      ? `automation of ${deployment} is PAUSED${s.since}. Resuming lets the trading server log in to the broker again.\n`
      : `automation of ${deployment} is ENABLED but its gateway host has 0 tasks. Resuming starts it, and it logs in to the broker.\n`,
  );
  if (alarms.length > 0) {
    io.stdout(
      `alarms of ${deployment} in ALARM now:\n${alarms.map((a) => `  - ${a}`).join('\n')}\n`,
    );
    if (!values.force) {
      io.stderr(
        `${COMMAND}: refusing to resume while alarms fire (or cannot be checked): a retry loop could lock the broker account. Fix the cause, or pass --force.\n`,
      );
      return EXIT_FINDINGS;
    }
  }
  if (!values.confirm) {
    io.stdout(
      `nothing done. Add --confirm to resume${hostStopped ? ' (the gateway host starts 1 task)' : ''}.\n`,
    );
    return EXIT_OK;
  }
  if (switchOff) await writeSwitch(deps, name, 'true');
  io.stdout(`automation of ${deployment} is ENABLED (${name} = "true").\n`);
  if (gateway && hostStopped) {
    await scaleGateway(deps.ecs, gateway, 1);
    io.stdout(
      `gateway host ${gateway.serviceName} scaled to 1 task: approve the IBKR second-factor prompt on the phone if one comes.\n`,
    );
  }
  io.stdout(
    'If a playbook or the lock-out guard stopped other compute (an instance, another service), start it again yourself.\n',
  );
  return EXIT_OK;
}

export const run: CliVerb = (args, io) => runAutomation(args, io, defaultDeps);
