import {
  CREDENTIAL_CLASSES,
  CredentialClass,
  GATEWAY_IMAGE_KINDS,
  GATEWAY_NETWORKS,
  GatewayImageKind,
  GatewayNetwork,
  Segment,
  SEGMENT_NAMES,
  STRATEGY_ACCESS_MODES,
  StrategyAccess,
  TRADING_MODES,
  TradingMode,
} from '../../lib/contracts';

// Construct props take the enums; the config schema lists the tuples. A value added to one and
// not the other would be accepted by one way in and refused by the other.
describe('each contract enum and the tuple the config schema uses hold the same values', () => {
  test.each([
    ['Segment', Segment, SEGMENT_NAMES],
    ['CredentialClass', CredentialClass, CREDENTIAL_CLASSES],
    ['TradingMode', TradingMode, TRADING_MODES],
    ['GatewayImageKind', GatewayImageKind, GATEWAY_IMAGE_KINDS],
    ['GatewayNetwork', GatewayNetwork, GATEWAY_NETWORKS],
    ['StrategyAccess', StrategyAccess, STRATEGY_ACCESS_MODES],
  ] as const)('%s', (_name, enumObject, tuple) => {
    expect(Object.values(enumObject)).toEqual([...tuple]);
  });
});
