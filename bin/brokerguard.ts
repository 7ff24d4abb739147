#!/usr/bin/env node
import { startCloudFormationValidation } from '../lib/policy/early-validation';
import { BROKERGUARD_RESOURCE_TYPES } from '../lib/stacks/resource-types';
import type * as ErrorsModule from '../lib/errors';
import type * as AccessMatrixModule from '../lib/policy/access/access-matrix';
import type * as DefaultAppModule from '../lib/stacks/default-app';

// First, while the process holds little more than aws-cdk-lib's core: the validation engine's
// start-up collects the whole heap many times over (lib/policy/early-validation.ts). The kit's
// modules load after it.
const templateValidation = startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES);

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the engine, see above */
const { BrokerGuardError } = require('../lib/errors') as typeof ErrorsModule;
const { writeAccessMatrix } =
  require('../lib/policy/access/access-matrix') as typeof AccessMatrixModule;
const { createDefaultApp } = require('../lib/stacks/default-app') as typeof DefaultAppModule;
/* eslint-enable @typescript-eslint/no-require-imports */

function main(): void {
  let built;
  try {
    built = createDefaultApp({}, { templateValidation });
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
