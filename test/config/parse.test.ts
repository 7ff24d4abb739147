import { join } from 'node:path';
import { BrokerGuardError } from '../../lib/errors';
import { loadAppConfig, loadConfigFile } from '../../lib/config/load';
import { parseConfig } from '../../lib/config/parse';
import { DEFAULT_CONFIG } from '../helpers/default-config';

const fixtures = join(__dirname, '..', 'fixtures', 'config');
const minimal = { alerts: { email: ['trader@example.com'] } };

function errorOf(fn: () => unknown): BrokerGuardError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BrokerGuardError) return err;
    throw err;
  }
  throw new Error('expected a BrokerGuardError');
}

describe('parseConfig', () => {
  test('fills every default from a minimal config', () => {
    const c = parseConfig(minimal);
    expect(c.deployment).toEqual({ name: 'paper', broker: 'ibkr', tradingMode: 'paper' });
    expect(c.segments.automation.compute).toEqual(['ec2']);
    expect(c.segments.admin).toEqual({
      trustedPrincipals: ['account-root'],
      maxMfaAgeSeconds: 3600,
      maxSessionSeconds: 3600,
    });
    expect(c.credentials).toEqual([]);
  });

  test('the embedded default config in cdk.json is valid', () => {
    const c = parseConfig(DEFAULT_CONFIG);
    expect(c.deployment.tradingMode).toBe('paper');
    expect(c.alerts.email).toEqual(['trader@example.com']);
  });

  test.each([
    [
      { ...minimal, segments: { execution: { maxMfaAgeSeconds: 99999 } } },
      /segments\.execution\.maxMfaAgeSeconds: got 99999; Too big: expected number to be <=43200/,
    ],
    [
      { ...minimal, deployment: { tradingMode: 'real' } },
      /deployment\.tradingMode: got "real"; allowed: "paper", "live"/,
    ],
    [
      { ...minimal, deployment: { name: 'Paper Account' } },
      /deployment\.name: got "Paper Account"; must be 2-24 characters/,
    ],
    [
      { alerts: { email: ['not-an-email'] } },
      /alerts\.email\[0\]: got "not-an-email"; must be an e-mail address/,
    ],
    [{ alerts: {} }, /alerts: got \{.*\}; must name at least one e-mail, sms or https subscriber/],
    [{}, /alerts: got nothing;/],
    [
      { ...minimal, segments: { automation: { compute: ['roles-anywhere'] } } },
      /segments\.automation\.rolesAnywhere: got nothing; is required when compute includes "roles-anywhere"/,
    ],
    [
      { ...minimal, segments: { automation: { compute: ['lambda'] } } },
      /segments\.automation\.compute\[0\]: got "lambda"; allowed: "ec2", "ecs", "roles-anywhere"/,
    ],
    [
      { ...minimal, segments: { admin: { trustedPrincipals: ['arn:aws:iam::123:user/bob'] } } },
      /segments\.admin\.trustedPrincipals\[0\]: got "arn:aws:iam::123:user\/bob"; .*must be "account-root" or an IAM role ARN/,
    ],
    [
      {
        ...minimal,
        segments: {
          automation: {
            boundaryExtensions: [{ actions: ['s3:*'], resources: ['arn:aws:s3:::b'] }],
          },
        },
      },
      /boundaryExtensions\[0\]\.actions\[0\]: got "s3:\*"; must be one exact IAM action/,
    ],
    [
      {
        ...minimal,
        credentials: [
          {
            name: 'totp',
            segment: 'automation',
            class: 'second-factor',
            rotation: { type: 'manual' },
          },
        ],
      },
      /credentials\[0\]\.segment: got "automation"; second-factor material may only live in approvals or admin/,
    ],
    [
      {
        ...minimal,
        credentials: [
          { name: 'x1', segment: 'automation', class: 'api-key', rotation: { type: 'bogus' } },
        ],
      },
      /credentials\[0\]\.rotation\.type: got "bogus"/,
    ],
  ])('names the field, the value and what is allowed (%#)', (raw, message) => {
    const err = errorOf(() => parseConfig(raw, 'test'));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(message);
  });

  test('unknown keys are errors, not silent defaults', () => {
    expect(() => parseConfig({ ...minimal, segments: { execution: { maxMfaAge: 600 } } })).toThrow(
      /segments\.execution\.maxMfaAge: unknown key/,
    );
    expect(() => parseConfig({ ...minimal, alert: {} })).toThrow(/alert: unknown key/);
  });

  test('lists every problem at once', () => {
    const err = errorOf(() =>
      parseConfig({ alerts: { email: ['x'] }, deployment: { tradingMode: 'real' } }),
    );
    expect(err.message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(2);
  });
});

describe('loading config files', () => {
  test('a YAML file replaces the embedded config', () => {
    const c = loadAppConfig((key) =>
      key === 'brokerguardConfig'
        ? join(fixtures, 'live.yaml')
        : key === 'brokerguard'
          ? minimal
          : undefined,
    );
    expect(c.deployment.name).toBe('live');
    expect(c.segments.automation.rolesAnywhere?.certificateSubject).toEqual({
      CN: 'trading-server-1',
    });
    expect(c.alerts.sms).toEqual(['+15551234567']);
  });

  test('errors name the file', () => {
    expect(() => loadConfigFile(join(fixtures, 'typo.json'))).toThrow(
      /typo\.json:\n {2}- segmnets: unknown key/,
    );
    expect(() => loadConfigFile(join(fixtures, 'broken.yaml'))).toThrow(
      /broken\.yaml is not valid YAML/,
    );
    expect(() => loadConfigFile(join(fixtures, 'missing.json'))).toThrow(
      /cannot read config file .*missing\.json: ENOENT/,
    );
    expect(() => loadConfigFile(join(fixtures, 'live.toml'))).toThrow(
      /extension "\.toml" is not allowed; use \.json, \.yaml or \.yml/,
    );
  });

  test('no config at all is an error that says where to put one', () => {
    expect(() => loadAppConfig(() => undefined)).toThrow(
      /no configuration: set context "brokerguard" in cdk\.json or pass -c brokerguardConfig=FILE/,
    );
  });
});
