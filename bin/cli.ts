#!/usr/bin/env node
import { BrokerGuardError } from '../lib/errors';
import {
  CliIO,
  CliVerb,
  EXIT_OK,
  EXIT_USAGE,
  oneLine,
  OutputClosed,
  processIO,
} from '../lib/cli/io';
import { packageVersion } from '../lib/cli/package-version';

// The AWS SDK clients this package uses are pinned to exact versions that support Node 20; the
// SDK's notice about its future releases needing Node 22 says nothing about them.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Each verb lives in lib/cli/<verb>.ts and exports `run`. Modules load on demand so that
 * `brokerguard diagnose` never pays for aws-cdk-lib.
 */
const VERBS: Record<string, { summary: string; load: () => Promise<{ run: CliVerb }> }> = {
  // verbs register here: name: { summary, load: () => import('../lib/cli/<verb>') }
  check: {
    summary: 'check CloudFormation templates with BrokerGuardChecks (text, json or sarif)',
    load: () => import('../lib/cli/check'),
  },
  sarif: {
    summary: 'convert cdk.out/validation-report.json to SARIF pointing at TypeScript source lines',
    load: () => import('../lib/cli/sarif'),
  },
  access: {
    summary: 'who can read, write, rotate or decrypt each secret and key (template or cdk.out)',
    load: () => import('../lib/cli/access'),
  },
  diagnose: {
    summary: 'explain IBC / IBeam / gateway / Web API log lines: triage category and next step',
    load: () => import('../lib/cli/diagnose'),
  },
  incident: {
    summary: 'lost-device / suspected-exposure playbooks: plan, then --confirm to run; status',
    load: () => import('../lib/cli/incident'),
  },
  automation: {
    summary: 'the automation switch: status, pause, resume (an admin action)',
    load: () => import('../lib/cli/automation'),
  },
  cost: {
    summary: 'monthly list-price estimate per resource and segment, paused and running',
    load: () => import('../lib/cli/cost'),
  },
};

const DEBUG_VARIABLE = 'BROKERGUARD_DEBUG';

function usage(): string {
  const lines = Object.entries(VERBS).map(([verb, v]) => `  ${verb.padEnd(11)} ${v.summary}`);
  return (
    `usage: brokerguard <verb> [options]\n       brokerguard --version\n\nverbs:\n${lines.join('\n')}\n\n` +
    'brokerguard <verb> --help tells more. Exit codes: 0 done; 1 findings at error level (check) or\n' +
    'a failed step (incident, automation); 2 a usage error, unreadable input or missing AWS setup.\n' +
    'Each error is one line on standard error; a closed output pipe ends the command quietly.\n'
  );
}

/** Runs what argv asks for and returns its exit code. */
async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout(usage());
    return EXIT_OK;
  }
  if (verb === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const verbs = Object.keys(VERBS).join(', ');
  if (!verb) {
    io.stderr(`brokerguard: name a verb: ${verbs} (see brokerguard --help)\n`);
    return EXIT_USAGE;
  }
  const entry = VERBS[verb];
  if (!entry) {
    io.stderr(
      verb.startsWith('-')
        ? `brokerguard: unknown option "${oneLine(verb)}"; allowed before a verb: --help, --version\n`
        : `brokerguard: unknown verb "${oneLine(verb)}"; allowed: ${verbs}\n`,
    );
    return EXIT_USAGE;
  }
  const mod = await entry.load();
  return mod.run(rest, io);
}

/** The exit code; every error a verb lets through ends here as one line. */
async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const command = VERBS[argv[0]] ? `brokerguard ${argv[0]}` : 'brokerguard';
  try {
    const code = await dispatch(argv, io);
    // A reader that left after the last line changes nothing; a full disk loses output.
    const failed = await io.finish();
    if (failed !== undefined && failed !== 'EPIPE') throw new OutputClosed(failed);
    return code;
  } catch (err) {
    if (err instanceof OutputClosed) {
      // The reader has what it wanted (`| head`): stop, as a Unix tool stops on SIGPIPE, but
      // without the noise. Any other write failure (a full disk) is worth a line.
      if (err.code === 'EPIPE') return EXIT_OK;
      io.stderr(`${command}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`${command}: ${describeUnexpected(err)}\n`);
    if (process.env[DEBUG_VARIABLE] && err instanceof Error && err.stack) {
      io.stderr(`${err.stack}\n`);
    }
    return EXIT_USAGE;
  }
}

/** One line for an error no verb expected: what it says, and how to see where it came from. */
function describeUnexpected(err: unknown): string {
  if (err instanceof BrokerGuardError) return oneLine(err.message);
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `unexpected error: ${oneLine(text)} (set ${DEBUG_VARIABLE}=1 for its stack trace)`;
}

// Last resort for an error thrown outside main's promise chain (an emitter without a listener).
process.on('uncaughtException', (err) => {
  try {
    process.stderr.write(`brokerguard: ${describeUnexpected(err)}\n`);
  } catch {
    // stderr itself is gone: the exit code still tells.
  }
  process.exit(EXIT_USAGE);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
