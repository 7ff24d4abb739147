import { parseConfig } from '../../lib/config/parse';

const ALERTS = { email: ['trader@example.com'] };
const withGateway = (gateway: unknown, extra: Record<string, unknown> = {}) =>
  parseConfig({ alerts: ALERTS, gateway, ...extra });

describe('config gateway section', () => {
  test('defaults: enabled, IBC image, 1 vCPU / 2 GiB, public subnets, strategy security group', () => {
    expect(parseConfig({ alerts: ALERTS }).gateway).toEqual({
      enabled: true,
      image: { kind: 'ibc' },
      loginCredential: 'ibkr-login',
      cpu: 1024,
      memoryMiB: 2048,
      network: 'public-subnets',
      strategyAccess: 'security-group',
      maxTaskStopsPerHour: 3,
      settings: {},
    });
  });

  test('an IBeam image pinned by digest and a live-size task are accepted', () => {
    const g = withGateway({
      image: { kind: 'ibeam', reference: `voyz/ibeam@sha256:${'0'.repeat(64)}` },
      cpu: 2048,
      memoryMiB: 8192,
      network: 'private-nat',
      settings: { TIME_ZONE: 'America/New_York' },
    }).gateway;
    expect(g.image.reference).toMatch(/@sha256:/);
    expect(g.settings).toEqual({ TIME_ZONE: 'America/New_York' });
  });

  test.each([
    [
      { image: { reference: 'ghcr.io/gnzsnz/ib-gateway:latest' } },
      /gateway\.image\.reference: got "ghcr.io\/gnzsnz\/ib-gateway:latest"; must be pinned/,
    ],
    [
      { image: { reference: 'ghcr.io/gnzsnz/ib-gateway' } },
      /gateway\.image\.reference: got .*must be pinned/,
    ],
    [
      { image: { kind: 'custom' } },
      /gateway\.image\.reference: got nothing; is required when kind is "custom"/,
    ],
    [
      { image: { kind: 'ibc', apiPort: 4002 } },
      /gateway\.image\.apiPort: got 4002; is only for kind "custom"/,
    ],
    [
      { cpu: 1000 },
      /gateway\.cpu: got 1000; must be a Fargate CPU size: 256, 512, 1024, 2048, 4096/,
    ],
    [
      { cpu: 256, memoryMiB: 4096 },
      /gateway\.memoryMiB: got 4096; Fargate allows 512-2048 MiB .* with cpu 256/,
    ],
    [
      { network: 'nat' },
      /gateway\.network: got "nat"; allowed: "public-subnets", "private-nat", "private-endpoints"/,
    ],
    [{ settings: { TWS_PASSWORD: 'x' } }, /gateway\.settings\.TWS_PASSWORD: .*not a secret/],
    [{ settings: { time_zone: 'UTC' } }, /gateway\.settings\.time_zone: .*upper-case/],
    [{ maxTaskStopsPerHour: 0 }, /gateway\.maxTaskStopsPerHour: got 0/],
  ])('refuses %j', (gateway, message) => {
    expect(() => withGateway(gateway)).toThrow(message);
  });

  test('refuses a second ECS service for the playbook beside the gateway host', () => {
    expect(() =>
      withGateway({}, { incident: { ecsService: { clusterName: 'c', serviceName: 's' } } }),
    ).toThrow(
      /incident\.ecsService: .*the playbook and the lock-out guard stop one ECS service, the gateway host/,
    );
    expect(
      withGateway(
        { enabled: false },
        { incident: { ecsService: { clusterName: 'c', serviceName: 's' } } },
      ).incident.ecsService,
    ).toEqual({ clusterName: 'c', serviceName: 's' });
  });

  test('the login credential, when listed, must be a manual automation password', () => {
    const login = {
      name: 'ibkr-login',
      segment: 'automation',
      class: 'api-key',
      rotation: { type: 'manual' },
    };
    expect(() => withGateway({}, { credentials: [login] })).toThrow(
      /credentials\[0\]: .*is the gateway's login credential \(gateway\.loginCredential\): it must be segment "automation", class "password"/,
    );
    expect(() => withGateway({}, { credentials: [{ ...login, class: 'password' }] })).not.toThrow();
  });
});
