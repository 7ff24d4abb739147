import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { CredentialConfig } from '../config/credentials-section';
import { BrokerGuardConfig } from '../config/schema';
import { MANUAL_MAX_AGE_DEFAULT_DAYS } from '../contracts';
import { GatewayHost } from '../gateway/gateway-host';
import { GatewayNetwork, StrategyAccess } from '../contracts/gateway';
import { TradingMode } from '../contracts/names';
import { GatewayImage } from '../gateway/gateway-image';
import { SegmentSecret } from '../segments/segment-secret';
import { SegmentSet } from '../segments/segment-set';

/**
 * The configured credentials, plus the gateway's login credential when the gateway is enabled
 * and the list lacks it: a manual password credential of the automation segment whose value is
 * a placeholder until an admin puts the real login (`brokerguard automation resume` refuses
 * until then).
 */
export function credentialsWithGatewayLogin(config: BrokerGuardConfig): CredentialConfig[] {
  const list = [...config.credentials];
  const name = config.gateway.loginCredential;
  if (config.gateway.enabled && !list.some((c) => c.name === name)) {
    list.push({
      name,
      segment: 'automation',
      class: 'password',
      description: 'IBKR username and password of the gateway host (JSON: username, password)',
      rotation: { type: 'manual', maxAgeDays: MANUAL_MAX_AGE_DEFAULT_DAYS },
    });
  }
  return list;
}

/** The `gateway` config section (enabled) as a GatewayHost. */
export function gatewayFromConfig(
  scope: Construct,
  config: BrokerGuardConfig,
  segments: SegmentSet,
  alerts: AlertChannel,
  loginLog: logs.ILogGroup,
  loginSecret: SegmentSecret,
): GatewayHost {
  const g = config.gateway;
  const image =
    g.image.kind === 'ibc'
      ? GatewayImage.ibc(g.image.reference)
      : g.image.kind === 'ibeam'
        ? GatewayImage.ibeam(g.image.reference)
        : GatewayImage.custom(g.image.reference!, {
            apiPort: g.image.apiPort!,
            readOnlyRootFilesystem: g.readOnlyRootFilesystem,
          });
  return new GatewayHost(scope, 'Gateway', {
    segment: segments.automation,
    loginSecret,
    logGroup: loginLog,
    tradingMode: config.deployment.tradingMode as TradingMode,
    image,
    network: g.network as GatewayNetwork,
    strategyAccess: g.strategyAccess as StrategyAccess,
    cpu: g.cpu,
    memoryMiB: g.memoryMiB,
    readOnlyRootFilesystem: g.readOnlyRootFilesystem,
    alerts,
    maxTaskStopsPerHour: g.maxTaskStopsPerHour,
    environment: g.settings,
  });
}
