import { App } from 'aws-cdk-lib';
import { parseConfig } from '../../lib/config/parse';
import { BrokerGuardStack } from '../../lib/stacks/brokerguard-stack';
import { BROKERGUARD_RESOURCE_TYPES } from '../../lib/stacks/resource-types';
import { DEFAULT_CONFIG } from '../helpers/default-config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n';

/** Every option that adds resources turned on: all three kinds of compute, every alert route,
 * every credential class, a log source, login windows, an instance for the playbook to stop
 * and the gateway host behind a NAT gateway (its service is the playbook's ECS service). */
const EVERYTHING = {
  ...DEFAULT_CONFIG,
  segments: {
    ...DEFAULT_CONFIG.segments,
    automation: {
      compute: ['ec2', 'ecs', 'roles-anywhere'],
      rolesAnywhere: { caCertificateBundlePem: PEM, certificateSubject: { CN: 'trading-server' } },
    },
  },
  credentials: [
    ...DEFAULT_CONFIG.credentials,
    { name: 'totp', segment: 'approvals', class: 'second-factor', rotation: { type: 'manual' } },
    { name: 'flex-token', segment: 'execution', class: 'api-key', rotation: { type: 'manual' } },
  ],
  alerts: {
    email: ['trader@example.com'],
    sms: ['+15551234567'],
    https: ['https://hooks.example.com/brokerguard'],
  },
  monitoring: {
    logSources: [{ logGroupName: '/ibc/paper', segment: 'automation', source: 'ibc' }],
    loginWindows: [{ start: '08:00', end: '09:00' }],
    dashboard: true,
  },
  incident: {
    autoContainment: true,
    automationInitiallyEnabled: true,
    ec2InstanceId: 'i-0123456789abcdef0',
  },
  gateway: { network: 'private-nat' },
};

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
      ...resourceTypes(EVERYTHING, true),
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
