#!/usr/bin/env node
import { CliVerb, EXIT_USAGE, processIO } from '../lib/cli/io';

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
};

function usage(): string {
  const lines = Object.entries(VERBS).map(([verb, v]) => `  ${verb.padEnd(11)} ${v.summary}`);
  return `usage: brokerguard <verb> [options]\n\nverbs:\n${lines.join('\n')}\n\nbrokerguard <verb> --help tells more.\n`;
}

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout(usage());
    return verb ? 0 : EXIT_USAGE;
  }
  const entry = VERBS[verb];
  if (!entry) {
    io.stderr(`brokerguard: unknown verb "${verb}"; allowed: ${Object.keys(VERBS).join(', ')}\n`);
    return EXIT_USAGE;
  }
  const mod = await entry.load();
  return mod.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`brokerguard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
