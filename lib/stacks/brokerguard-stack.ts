import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BrokerGuardConfig } from '../config/schema';
import { CredentialSet } from '../credentials/credential-set';
import { SegmentName, TAG_DEPLOYMENT } from '../segment-names';
import { AccessSegment } from '../segments/access-segment';
import { segmentsFromConfig } from './segments-from-config';
import { AlertChannel } from '../alerts/alert-channel';
import { LoginMonitoring } from '../monitoring/login-monitoring';

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
  /** Every configured credential: IBKR session tokens, manual credentials and their age alarms. */
  public readonly credentials: CredentialSet;

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
    // The approvals segment (the phone) owns the out-of-band channel: its key encrypts the
    // topic, so nothing the trading server holds can read or silence an alert.
    const alerts = new AlertChannel(this, 'Alerts', {
      segment: this.segments.approvals,
      subscriptions: props.config.alerts,
      runbookBase: props.config.alerts.runbookBase,
    });
    // --- end block: alerts ---

    // --- block: credentials ---
    this.credentials = new CredentialSet(this, 'Credentials', {
      segments: this.segments,
      credentials: props.config.credentials,
      alarmAction: alerts.alarmAction,
    });
    // --- end block: credentials ---

    // --- block: monitoring (LoginMonitoring) ---
    const monitoring = new LoginMonitoring(this, 'Monitoring', {
      config: props.config.monitoring,
      segments: this.segments,
      alerts,
      credentials: props.config.credentials,
    });
    // The incident block reads monitoring.lockoutAlarms and monitoring.foreignReadRules.
    void monitoring;
    // --- end block: monitoring ---

    // --- block: incident (IncidentResponse) ---
    // --- end block: incident ---
  }
}
