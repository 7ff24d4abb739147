#!/usr/bin/env node
import { BrokerGuardError } from '../lib/errors';
import { writeAccessMatrix } from '../lib/policy/access/access-matrix';
import { createDefaultApp } from '../lib/stacks/default-app';

function main(): void {
  let built;
  try {
    built = createDefaultApp();
  } catch (err) {
    if (err instanceof BrokerGuardError) {
      // A bad configuration: say what is wrong and synthesize nothing.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  let assembly;
  try {
    assembly = built.app.synth();
  } catch (err) {
    // Policy findings are listed above by the validation report; the trace adds nothing.
    process.stderr.write(`brokerguard: synth failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
  // --- block: after synth (access matrix) ---
  process.stderr.write(`brokerguard: access matrix in ${writeAccessMatrix(assembly.directory)}\n`);
  // --- end block: after synth ---
  process.stderr.write(
    `brokerguard: templates in ${assembly.directory}; policy report in ${assembly.directory}/validation-report.json\n`,
  );
}

main();
