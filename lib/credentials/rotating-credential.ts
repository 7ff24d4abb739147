import { Aws, Duration, Names, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AlertChannel } from '../alerts/alert-channel';
import { BrokerGuardError } from '../errors';
import { CredentialAgeCheck } from './credential-age-check';
import { ISegmentCredential } from './segment-credential';
import { AccessSegment } from '../segments/access-segment';
import { CredentialClass, ROTATABLE_CLASSES, TAG_SEGMENT } from '../contracts';
import { SegmentSecret } from '../segments/segment-secret';
import { CREDENTIAL_DEFAULTS } from './credential-defaults';
import { HANDLER_RUNTIME, handlerCode } from '../handler-code';

/** The code of a rotation function: a bundled brokerguard handler or your own. */
export class RotationHandler {
  /** Mints IBKR live session tokens (`ibkr-session-rotation`); needs an issuer secret. */
  public static ibkrSession(): RotationHandler {
    return new RotationHandler(() => handlerCode('ibkr-session-rotation'), 'index.handler');
  }

  /**
   * A handler bundled by `npm run build` from `lib/**\/<name>.lambda.ts` — for an issuer you
   * add to this repository (docs/credentials.md: writing your own issuer).
   */
  public static fromBundle(name: string): RotationHandler {
    return new RotationHandler(() => handlerCode(name), 'index.handler');
  }

  /** Any Lambda code that keeps the Secrets Manager rotation protocol. */
  public static fromCode(code: lambda.Code, handler = 'index.handler'): RotationHandler {
    return new RotationHandler(() => code, handler);
  }

  private constructor(
    /** Resolved only when a function is built, so a missing bundle fails that construct. */
    private readonly resolveCode: () => lambda.Code,
    /** The handler entry, `index.handler` for the kit's bundles. */
    public readonly handler: string,
  ) {}

  /** The function code; a missing bundle throws here, at the construct that needs it. */
  public bind(): lambda.Code {
    return this.resolveCode();
  }
}

export interface RotatingCredentialProps {
  /** The segment that owns the secret; the rotation function becomes one of its members. */
  readonly segment: AccessSegment;
  /** Short name; the secret is `<deployment>/<segment>/<name>`. */
  readonly name: string;
  /** What it holds: a session token or an API key (the classes a function can renew). */
  readonly credentialClass: CredentialClass;
  readonly handler: RotationHandler;
  /** @default - a description naming the segment and class */
  readonly description?: string;
  /**
   * Time between rotations: whole hours, at least 4 hours (Secrets Manager), at most 24 hours
   * for a session token and 90 days for an API key, and shorter than `tokenLifetime`.
   * @default - 12 hours for `session-token`, 30 days for `api-key`
   */
  readonly automaticallyAfter?: Duration;
  /**
   * How long one issued token lives; the schedule must be shorter.
   * @default - no lifetime check beyond the class maximum
   */
  readonly tokenLifetime?: Duration;
  /**
   * A secret of the same segment the function reads to mint new values (its id arrives as
   * ISSUER_SECRET_ID). The function may only read it.
   * @default - no issuer secret
   */
  readonly issuer?: SegmentSecret;
  /** Extra environment variables (no secrets: they are visible in the console). @default - none */
  readonly environment?: Record<string, string>;
  /** @default Duration.minutes(1) */
  readonly timeout?: Duration;
  /**
   * Rotate as soon as the schedule is created or changed. Turn off when the issuer secret is
   * filled in only after deploy.
   * @default true
   */
  readonly rotateImmediatelyOnUpdate?: boolean;
  /** The secret's value before the first rotation. @default - `{}` */
  readonly generateSecretString?: secretsmanager.SecretStringGenerator;
  /**
   * Publishes the secret's age for the rotation-overdue alarm.
   * @default - the stack's shared check (CredentialAgeCheck.of), logging to this segment
   */
  readonly ageCheck?: CredentialAgeCheck;
  /** Where the rotation-overdue alarm reports. @default - no action */
  readonly alerts?: AlertChannel;
}

/**
 * A segment secret renewed on a schedule by its own rotation function. The function has its
 * own role that can touch only this secret (and read its issuer), joins the segment so it can
 * use the segment key, logs to an encrypted segment log group, and runs one at a time.
 */
export class RotatingCredential extends Construct implements ISegmentCredential {
  public readonly secret: SegmentSecret;
  public readonly rotationFunction: lambda.Function;
  public readonly role: iam.Role;
  public readonly credentialClass: CredentialClass;
  /** The time between rotations. */
  public readonly automaticallyAfter: Duration;
  public readonly schedule: secretsmanager.CfnRotationSchedule;
  /** Fires once the secret is older than two rotation intervals: rotations stopped. */
  public readonly overdueAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RotatingCredentialProps) {
    super(scope, id);
    const { segment } = props;
    this.credentialClass = props.credentialClass;
    this.automaticallyAfter = validateSchedule(props);
    if (props.issuer && props.issuer.segment !== segment) {
      throw new BrokerGuardError(
        'CROSS_SEGMENT',
        `RotatingCredential ${props.name}: issuer secret ${props.issuer.node.path} belongs to segment ${props.issuer.segment.segmentName}, not ${segment.segmentName}; nothing crosses segments`,
      );
    }
    const secretName = segment.resourceName(props.name);
    // The function, its role and the schedule sit outside the segment's subtree but belong to it.
    Tags.of(this).add(TAG_SEGMENT, segment.segmentName);

    this.secret = new SegmentSecret(this, 'Secret', {
      segment,
      name: props.name,
      credentialClass: props.credentialClass,
      description: props.description,
      generateSecretString: props.generateSecretString ?? {
        secretStringTemplate: '{}',
        generateStringKey: 'placeholder',
      },
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `brokerguard: rotates ${secretName} and nothing else`,
    });
    // Its key use is held to Secrets Manager and to its own secret and issuer: a member of the
    // segment, it must still not decrypt the segment's other secrets (a manual login, say).
    segment.addMember(this.role, `rotation function of ${secretName}`, {
      secretNames: [secretName, ...(props.issuer ? [props.issuer.fullName] : [])],
    });

    const logGroup = segment.createLogGroup(`${Names.uniqueId(this)}Logs`, {
      purpose: `rotation/${props.name}`,
    });
    this.rotationFunction = new lambda.Function(this, 'Function', {
      description: `brokerguard: rotates ${secretName}`,
      runtime: HANDLER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: props.handler.bind(),
      handler: props.handler.handler,
      role: this.role,
      timeout: props.timeout ?? CREDENTIAL_DEFAULTS.rotationTimeout,
      memorySize: CREDENTIAL_DEFAULTS.rotationMemoryMiB,
      // Secrets Manager never runs two rotations of one secret; neither may anything else.
      reservedConcurrentExecutions: CREDENTIAL_DEFAULTS.rotationReservedConcurrency,
      logGroup,
      environment: {
        ...props.environment,
        ...(props.issuer ? { ISSUER_SECRET_ID: props.issuer.secretArn } : {}),
      },
    });
    logGroup.grantWrite(this.role);

    const policy = new iam.Policy(this, 'SecretAccess', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'RotateOwnSecret',
          actions: [
            'secretsmanager:DescribeSecret',
            'secretsmanager:GetSecretValue',
            'secretsmanager:PutSecretValue',
            'secretsmanager:UpdateSecretVersionStage',
          ],
          resources: [this.secret.secretArn],
        }),
        ...(props.issuer
          ? [
              new iam.PolicyStatement({
                sid: 'ReadIssuerSecret',
                actions: ['secretsmanager:GetSecretValue'],
                resources: [props.issuer.secretArn],
              }),
            ]
          : []),
      ],
    });

    this.rotationFunction.addPermission('SecretsManagerInvoke', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceAccount: Aws.ACCOUNT_ID,
    });

    this.schedule = new secretsmanager.CfnRotationSchedule(this, 'Schedule', {
      secretId: this.secret.secretArn,
      rotationLambdaArn: this.rotationFunction.functionArn,
      rotationRules: {
        scheduleExpression: events.Schedule.rate(this.automaticallyAfter).expressionString,
      },
      rotateImmediatelyOnUpdate: props.rotateImmediatelyOnUpdate ?? true,
    });
    // The first rotation runs at deploy: the function must be allowed to do it by then.
    this.schedule.node.addDependency(policy, this.rotationFunction);
    this.secret.denyAccountRootDelete();

    const ageCheck = props.ageCheck ?? CredentialAgeCheck.of(this, segment);
    this.overdueAlarm = ageCheck.watchRotation(this, this.secret, {
      key: props.name,
      interval: this.automaticallyAfter,
      alerts: props.alerts,
    });
  }

  /** Lets `grantee` (default: the segment role) read the secret; refused outside the segment. */
  public grantRead(grantee?: iam.IGrantable): iam.Grant {
    return this.secret.segment.grantRead(this.secret, grantee);
  }
}

function validateSchedule(props: RotatingCredentialProps): Duration {
  const isSession = props.credentialClass === 'session-token';
  if (!ROTATABLE_CLASSES.includes(props.credentialClass)) {
    throw new BrokerGuardError(
      'CREDENTIAL_CLASS',
      `RotatingCredential ${props.name}: credentialClass must be "session-token" or "api-key", got "${props.credentialClass}" (a password or second factor is a ManualCredential)`,
    );
  }
  const every =
    props.automaticallyAfter ??
    (isSession ? CREDENTIAL_DEFAULTS.sessionTokenEvery : CREDENTIAL_DEFAULTS.apiKeyEvery);
  const max = isSession
    ? CREDENTIAL_DEFAULTS.sessionTokenMaxEvery
    : CREDENTIAL_DEFAULTS.apiKeyMaxEvery;
  const hours = every.toHours({ integral: false });
  const fail = (allowed: string) => {
    throw new BrokerGuardError(
      'ROTATION_SCHEDULE',
      `RotatingCredential ${props.name}: automaticallyAfter must be ${allowed}, got ${every.toHumanString()}`,
    );
  };
  if (!Number.isInteger(hours)) fail('whole hours');
  if (hours < CREDENTIAL_DEFAULTS.minEvery.toHours())
    fail('at least 4 hours (the Secrets Manager minimum)');
  const maxText = isSession ? `${max.toHours()} hours` : max.toHumanString();
  if (hours > max.toHours()) fail(`at most ${maxText} for a ${props.credentialClass}`);
  if (props.tokenLifetime && hours >= props.tokenLifetime.toHours({ integral: false })) {
    fail(`shorter than the token lifetime of ${props.tokenLifetime.toHumanString()}`);
  }
  return every;
}
