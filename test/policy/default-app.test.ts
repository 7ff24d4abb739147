import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config/parse';
import { BrokerGuardChecks } from '../../lib/policy';
import { BrokerGuardStack } from '../../lib/stacks/brokerguard-stack';

/** The default deployment of cdk.json, built without plugins so the pack can be run directly. */
export function defaultStack(): { app: App; stack: BrokerGuardStack } {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8'));
  const config = parseConfig(cdkJson.context.brokerguard, 'cdk.json');
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new BrokerGuardStack(app, `brokerguard-${config.deployment.name}`, { config });
  // Aspects (tags) run at synth; the pack then judges what the templates say.
  app.synth();
  return { app, stack };
}

describe('BrokerGuardChecks on the default app', () => {
  test('the default deployment has no findings', () => {
    // GIVEN
    const { app } = defaultStack();
    // WHEN
    const report = new BrokerGuardChecks(app).validateScope(app);
    // THEN
    expect(
      report.violations.map(
        (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`,
      ),
    ).toEqual([]);
  });
});
