import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** cdk.json's embedded default configuration (raw, as a user writes it). */
export const DEFAULT_CONFIG = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context.brokerguard;

/** The credentials of the embedded default configuration. */
export const DEFAULT_CREDENTIALS: any[] = DEFAULT_CONFIG.credentials;

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n';

/**
 * cdk.json's default with every option that adds resources, roles or grants turned on: all
 * three kinds of compute, every alert route, every credential class, a log source, login
 * windows, an instance for the playbook to stop, and the gateway host behind a NAT gateway (its
 * service is the playbook's ECS service).
 */
export const EVERY_OPTION_CONFIG = {
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
