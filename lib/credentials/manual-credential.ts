import { Duration, Tags, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { CredentialClass, MANUAL_CLASSES, TAG_SEGMENT } from '../contracts';
import { SegmentSecret } from '../segments/segment-secret';
import { checkMaxAge, CredentialAgeCheck } from './credential-age-check';
import { CREDENTIAL_DEFAULTS } from './credential-defaults';
import { ISegmentCredential } from './segment-credential';

export interface ManualCredentialProps {
  readonly segment: AccessSegment;
  /** Short name; the secret is `<deployment>/<segment>/<name>`. */
  readonly name: string;
  /** What it holds: a password, an API key or second-factor material (not a session token). */
  readonly credentialClass: CredentialClass;
  /** @default - a description naming the segment and class */
  readonly description?: string;
  /**
   * The age alarm fires once the value is older than this (whole days, 1–1000).
   * @default Duration.days(90)
   */
  readonly maxAge?: Duration;
  /** @default - the stack's shared check (CredentialAgeCheck.of), logging to this segment */
  readonly ageCheck?: CredentialAgeCheck;
  /** Where the age alarm reports. @default - no action */
  readonly alerts?: AlertChannel;
}

/**
 * A credential no API can rotate (an IBKR username and password for IB Gateway or IBeam, an
 * API key without a rotation endpoint): a segment secret with no rotation function, whose age
 * is published hourly and alarmed past `maxAge`. The README has the runbook.
 */
export class ManualCredential extends Construct implements ISegmentCredential {
  public readonly secret: SegmentSecret;
  public readonly ageAlarm: cloudwatch.Alarm;
  public readonly maxAge: Duration;
  /** What an admin runs after changing the credential at the broker. */
  public readonly putValueCommand: string;

  constructor(scope: Construct, id: string, props: ManualCredentialProps) {
    super(scope, id);
    if (!MANUAL_CLASSES.includes(props.credentialClass)) {
      throw new BrokerGuardError(
        'CREDENTIAL_CLASS',
        `ManualCredential ${props.name}: credentialClass must be "password", "api-key" or "second-factor", got "${props.credentialClass}" (a session token is a RotatingCredential)`,
      );
    }
    Tags.of(this).add(TAG_SEGMENT, props.segment.segmentName);
    this.maxAge = props.maxAge ?? Duration.days(CREDENTIAL_DEFAULTS.manualMaxAgeDays);
    checkMaxAge(`ManualCredential ${props.name}`, this.maxAge);
    this.secret = new SegmentSecret(this, 'Secret', {
      segment: props.segment,
      name: props.name,
      credentialClass: props.credentialClass,
      description: props.description,
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'placeholder' },
    });
    const secretName = props.segment.resourceName(props.name);
    this.putValueCommand = `aws secretsmanager put-secret-value --secret-id ${secretName} --secret-string file://new-value.json`;
    const ageCheck = props.ageCheck ?? CredentialAgeCheck.of(this, props.segment);
    this.ageAlarm = ageCheck.watch(this, this.secret, {
      key: props.name,
      maxAge: this.maxAge,
      runbook: `change it at the broker, then put the new value: ${this.putValueCommand}`,
      alerts: props.alerts,
    });
    acknowledgeManual(
      this.secret,
      'a person changes it at the broker; the hourly age check and its alarm replace a rotation schedule',
    );
  }

  /** Lets `grantee` (default: the segment role) read the secret; refused outside the segment. */
  public grantRead(grantee?: iam.IGrantable): iam.Grant {
    return this.secret.segment.grantRead(this.secret, grantee);
  }
}

/** The visible, reasoned exception for a secret no API can rotate. */
export function acknowledgeManual(secret: SegmentSecret, why: string): void {
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason: `No API can rotate it: ${why}.`,
  });
  if (secret.credentialClass === 'api-key') {
    Validations.of(secret).acknowledge({
      id: 'BrokerGuardChecks::BG-ROT-1[NoRotation]',
      reason: `No API can rotate it: ${why}.`,
    });
  }
}
