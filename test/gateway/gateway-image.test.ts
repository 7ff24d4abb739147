import { GatewayImageKind } from '../../lib/contracts/gateway';
import { TradingMode } from '../../lib/contracts/names';
import { GatewayImage } from '../../lib/gateway/gateway-image';

describe('GatewayImage', () => {
  test('IBC: the gnzsnz image pinned by tag, relay ports for other tasks, local ports for a sidecar', () => {
    const image = GatewayImage.ibc();
    expect(image.kind).toBe(GatewayImageKind.IBC);
    expect(image.reference).toBe('ghcr.io/gnzsnz/ib-gateway:10.45.1j');
    expect([image.apiPort(TradingMode.PAPER), image.apiPort(TradingMode.LIVE)]).toEqual([
      4004, 4003,
    ]);
    expect([image.localApiPort(TradingMode.PAPER), image.localApiPort(TradingMode.LIVE)]).toEqual([
      4002, 4001,
    ]);
    expect(image.environment(TradingMode.LIVE)).toEqual({
      TRADING_MODE: 'live',
      TWOFA_TIMEOUT_ACTION: 'exit',
      RELOGIN_AFTER_TWOFA_TIMEOUT: 'no',
      EXISTING_SESSION_DETECTED_ACTION: 'primary',
    });
    expect(image.supportsReadOnlyRootFilesystem).toBe(false);
    expect(image.healthCheckCommand).toBeUndefined();
  });

  test('IBeam: port 5000 either way, paper mode by IBEAM_USE_PAPER_ACCOUNT, a liveness probe', () => {
    const image = GatewayImage.ibeam();
    expect(image.reference).toBe('voyz/ibeam:0.5.12');
    expect(image.apiPort(TradingMode.LIVE)).toBe(5000);
    expect(image.environment(TradingMode.PAPER)).toMatchObject({ IBEAM_USE_PAPER_ACCOUNT: 'true' });
    expect(image.environment(TradingMode.LIVE)).toMatchObject({ IBEAM_USE_PAPER_ACCOUNT: 'false' });
    expect(image.healthCheckCommand).toContain(':5001/livez');
  });

  test('custom: own variable names and port, read-only by default', () => {
    const image = GatewayImage.custom(
      'registry.example.com:5000/team/gw@sha256:' + 'f'.repeat(64),
      {
        apiPort: 7000,
        usernameVariable: 'IB_USER',
        tradingModeVariable: 'IB_MODE',
      },
    );
    expect(image.usernameVariable).toBe('IB_USER');
    expect(image.passwordVariable).toBe('GATEWAY_PASSWORD');
    expect(image.environment(TradingMode.PAPER)).toEqual({ IB_MODE: 'paper' });
    expect(image.apiPort(TradingMode.LIVE)).toBe(7000);
    expect(image.supportsReadOnlyRootFilesystem).toBe(true);
  });

  test.each([
    ['ghcr.io/gnzsnz/ib-gateway:latest'],
    ['ghcr.io/gnzsnz/ib-gateway'],
    ['registry.example.com:5000/gw'],
    ['voyz/ibeam@sha256:abc'],
    [''],
  ])('refuses the unpinned reference %j', (ref) => {
    expect(() => GatewayImage.ibc(ref)).toThrow(
      /is not pinned; use registry\/name:tag \(not latest\)/,
    );
  });

  test('refuses a bad port or variable name of a custom image', () => {
    expect(() => GatewayImage.custom('example.com/gw:1', { apiPort: 0 })).toThrow(
      /apiPort must be a TCP port \(1-65535\), got 0/,
    );
    expect(() =>
      GatewayImage.custom('example.com/gw:1', { apiPort: 4002, passwordVariable: 'pass word' }),
    ).toThrow(/"pass word" is not an environment variable name/);
  });
});
