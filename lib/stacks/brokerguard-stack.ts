import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BrokerGuardConfig } from '../config/schema';
import { SegmentName, TAG_DEPLOYMENT } from '../segment-names';
import { AccessSegment } from '../segments/access-segment';
import { segmentsFromConfig } from './segments-from-config';

export interface BrokerGuardStackProps extends StackProps {
  /** A validated configuration (`parseConfig` or `loadAppConfig`). */
  readonly config: BrokerGuardConfig;
}

/**
 * One trader's deployment: the four access segments and, built on them, credentials, login
 * monitoring with its alert channel, and incident response. Env-agnostic unless `env` is given.
 */
export class BrokerGuardStack extends Stack {
  public readonly config: BrokerGuardConfig;
  public readonly segments: Record<SegmentName, AccessSegment>;

  constructor(scope: Construct, id: string, props: BrokerGuardStackProps) {
    super(scope, id, {
      description: `brokerguard ${props.config.deployment.name}: segmented access for a ${props.config.deployment.tradingMode} IBKR account`,
      ...props,
    });
    this.config = props.config;
    Tags.of(this).add(TAG_DEPLOYMENT, props.config.deployment.name);
    Tags.of(this).add('brokerguard:trading-mode', props.config.deployment.tradingMode);

    this.segments = segmentsFromConfig(this, props.config);

    // --- block: alerts (AlertChannel) ---
    // --- end block: alerts ---

    // --- block: credentials ---
    // --- end block: credentials ---

    // --- block: monitoring (LoginMonitoring) ---
    // --- end block: monitoring ---

    // --- block: incident (IncidentResponse) ---
    // --- end block: incident ---
  }
}
