import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { CredentialConfig } from '../config/credentials-section';
import { credentialClassOf } from '../contracts';
import { CredentialAgeCheck } from '../credentials/credential-age-check';
import { IbkrSessionToken } from '../credentials/ibkr-session-token';
import { ManualCredential } from '../credentials/manual-credential';
import { ISegmentCredential } from '../credentials/segment-credential';
import { BrokerGuardError } from '../errors';
import { AccessSegment } from '../segments/access-segment';
import { SegmentSecret } from '../segments/segment-secret';
import { SegmentSet } from '../segments/segment-set';

export interface CredentialSetProps {
  /** The deployment's segments (BrokerGuardStack.segments). */
  readonly segments: SegmentSet;
  /** The `credentials` section of a validated configuration. */
  readonly credentials: readonly CredentialConfig[];
  /** Where every age and rotation-overdue alarm reports. */
  readonly alerts: AlertChannel;
}

/**
 * The configuration's `credentials` section turned into constructs (the one place that maps
 * them), each built as the construct its rotation type calls for:
 * `ibkr-oauth` → IbkrSessionToken, `manual` → ManualCredential. One hourly age check serves all
 * of them; it logs to the admin segment, which owns credential hygiene. Each segment's role
 * may read its own credentials — an IBKR session secret, never its issuer.
 */
export class CredentialSet extends Construct {
  public readonly ibkrSessions: Record<string, IbkrSessionToken> = {};
  public readonly manual: Record<string, ManualCredential> = {};
  public readonly ageCheck?: CredentialAgeCheck;
  /** Every age and rotation-overdue alarm. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Every credential, in configuration order. */
  public readonly all: ISegmentCredential[] = [];

  constructor(scope: Construct, id: string, props: CredentialSetProps) {
    super(scope, id);
    const segmentOf = (c: CredentialConfig) => props.segments[c.segment];
    if (props.credentials.length === 0) return;
    // The admin segment owns credential hygiene: the check logs there.
    this.ageCheck = new CredentialAgeCheck(this, 'AgeCheck', { logSegment: props.segments.admin });

    props.credentials.forEach((c) => {
      const segment = segmentOf(c);
      const scope = new Construct(this, c.name);
      if (c.rotation.type === 'ibkr-oauth') {
        const token = new IbkrSessionToken(scope, 'IbkrSessionToken', {
          segment,
          name: c.name,
          description: c.description,
          automaticallyAfter: Duration.hours(c.rotation.everyHours),
          ageCheck: this.ageCheck,
          alerts: props.alerts,
        });
        this.ibkrSessions[c.name] = token;
        this.all.push(token);
        // The segment reads its credential: the trading server its session token, never the issuer.
        token.grantRead();
        this.alarms.push(token.issuerAgeAlarm, token.credential.overdueAlarm);
      } else {
        const manual = new ManualCredential(scope, 'ManualCredential', {
          segment,
          name: c.name,
          credentialClass: credentialClassOf(c.class),
          description: c.description,
          maxAge: Duration.days(c.rotation.maxAgeDays),
          ageCheck: this.ageCheck,
          alerts: props.alerts,
        });
        this.manual[c.name] = manual;
        this.all.push(manual);
        manual.grantRead();
        this.alarms.push(manual.ageAlarm);
      }
    });
    this.grantAdminPut(props.segments.admin, [
      ...Object.values(this.ibkrSessions).map((t) => t.issuerSecret),
      ...Object.values(this.manual).map((m) => m.secret),
    ]);
  }

  /**
   * Lets the admin role put the values people keep by hand (manual credentials, IBKR issuer
   * secrets): PutSecretValue and DescribeSecret, and the segment key through Secrets Manager
   * only. It never gets GetSecretValue: every segment secret denies it outside its segment.
   */
  private grantAdminPut(admin: AccessSegment, secrets: SegmentSecret[]): void {
    if (secrets.length === 0) return;
    admin.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PutHandKeptCredentials',
        actions: ['secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret'],
        resources: secrets.map((s) => s.secretArn),
      }),
    );
    admin.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptHandKeptCredentialsThroughSecretsManager',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [...new Set(secrets.map((s) => s.segment.key.keyArn))],
        // Only for the secrets it writes: Secrets Manager puts the secret's ARN in the
        // encryption context, so the grant opens no other secret under the same key.
        conditions: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
            'kms:EncryptionContext:SecretARN': secrets.map((s) => s.secretArn),
          },
        },
      }),
    );
  }

  /** The secret the trading server reads for credential `name` (a session secret for IBKR). */
  public secret(name: string): SegmentSecret {
    const found = this.ibkrSessions[name]?.sessionSecret ?? this.manual[name]?.secret;
    if (!found) {
      const known = [...Object.keys(this.ibkrSessions), ...Object.keys(this.manual)];
      throw new BrokerGuardError(
        'UNKNOWN_CREDENTIAL',
        `no credential named "${name}"; the configuration has ${known.join(', ') || 'none'}`,
      );
    }
    return found;
  }
}
