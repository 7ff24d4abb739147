import { App } from 'aws-cdk-lib';
import { parseConfig } from '../../lib/config/parse';
import { BrokerGuardStack } from '../../lib/stacks/brokerguard-stack';
import { BROKERGUARD_RESOURCE_TYPES } from '../../lib/stacks/resource-types';
import { DEFAULT_CONFIG, EVERY_OPTION_CONFIG } from '../helpers/default-config';

/** The gateway host's other network: isolated subnets with VPC endpoints. */
const ENDPOINTS = { ...DEFAULT_CONFIG, gateway: { network: 'private-endpoints' } };

function resourceTypes(raw: unknown, analyticsReporting = false): Set<string> {
  const app = new App({ builtinCloudFormationValidation: false, analyticsReporting });
  const stack = new BrokerGuardStack(app, 'Types', { config: parseConfig(raw) });
  const template = app.synth().getStackByName(stack.stackName).template;
  return new Set(Object.values<{ Type: string }>(template.Resources).map((r) => r.Type));
}

describe('BROKERGUARD_RESOURCE_TYPES', () => {
  test('is every type the stack makes, with every option on, and no other', () => {
    const made = new Set([
      ...resourceTypes(DEFAULT_CONFIG),
      ...resourceTypes(EVERY_OPTION_CONFIG, true),
      ...resourceTypes(ENDPOINTS),
    ]);
    // The early-started validation engine is kept at synth only if the list covers the template.
    expect([...made].sort()).toEqual([...BROKERGUARD_RESOURCE_TYPES].sort());
  });

  test('holds AWS::CDK::Metadata because version reporting adds it', () => {
    expect(BROKERGUARD_RESOURCE_TYPES).toContain('AWS::CDK::Metadata');
    expect(resourceTypes(DEFAULT_CONFIG, true).has('AWS::CDK::Metadata')).toBe(true);
    expect(resourceTypes(DEFAULT_CONFIG).has('AWS::CDK::Metadata')).toBe(false);
  });
});
