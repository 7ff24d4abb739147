#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { loadAppConfig } from '../lib/config/load';
import { BrokerGuardError } from '../lib/errors';
import { startCloudFormationValidation } from '../lib/policy/early-validation';
import { BROKERGUARD_RESOURCE_TYPES } from '../lib/stacks/resource-types';
import type * as AccessMatrixModule from '../lib/policy/access/access-matrix';
import type * as DefaultAppModule from '../lib/stacks/default-app';

// The order is what a user waits for (bench/synth.bench.mjs measures it):
// 1. the configuration, read and validated with aws-cdk-lib's core and the config schema only,
//    so a typo is reported at once and nothing is synthesized;
// 2. aws-cdk-lib's validation engine, started while the heap is still small
//    (lib/policy/early-validation.ts);
// 3. the kit, loaded and built.

/** Exits 1 with the error's one line when the configuration is bad. */
function checkConfig(): void {
  // The context as the app will see it: cdk.json, -c, and the CLI's environment. This App
  // only reads it; autoSynth off, so it never writes to the cloud assembly.
  const contextApp = new App({ autoSynth: false });
  try {
    loadAppConfig((key) => contextApp.node.tryGetContext(key));
  } catch (err) {
    if (err instanceof BrokerGuardError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

checkConfig();
const templateValidation = startCloudFormationValidation(BROKERGUARD_RESOURCE_TYPES);

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the engine, see above */
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
      // A construct refused its input: say what is wrong and synthesize nothing.
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
