import { Aws, CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { HANDLER_RUNTIME, handlerCode } from '../handler-code';
import { AccessSegment } from '../segments/access-segment';
import { resourceName } from '../contracts';
import type { ClassifierLogSource } from './login-classifier.lambda';
import { DeviceIdentity, LoginLogSource } from './login-log-source';
import type { LoginWindow, TradingHours } from './trading-hours';

export interface LoginClassifierProps {
  /**
   * The segment that owns the function and the device registry; its key encrypts both.
   * Never automation: a compromised server must not pre-register its device or rewrite
   * what it is watched by.
   */
  readonly owner: AccessSegment;
  /** The log groups to subscribe to, each with its segment and tool. */
  readonly logSources: LoginLogSource[];
  /** When the trading-hours tick counts and a login is not `login_outside_hours`. */
  readonly tradingHours: TradingHours;
  /** @default - none */
  readonly loginWindows?: LoginWindow[];
  /**
   * Publish the trading-hours tick every minute (the heartbeat alarms need it).
   * @default true
   */
  readonly tradingHoursTick?: boolean;
}

/**
 * The classifier function: a subscription filter on each configured log group feeds it raw
 * lines, it publishes login events as EMF metrics and records each (segment, deviceId) in an
 * on-demand, segment-key-encrypted DynamoDB table.
 */
export class LoginClassifier extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly deviceTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: LoginClassifierProps) {
    super(scope, id);
    if (props.owner.segmentName === 'automation') {
      throw new BrokerGuardError(
        'CLASSIFIER_OWNER',
        'LoginClassifier owner: got the automation segment; allowed: execution, approvals or admin — a compromised server must not pre-register its device',
      );
    }
    if (props.logSources.length === 0) {
      throw new BrokerGuardError(
        'LOG_SOURCES_EMPTY',
        'LoginClassifier logSources: got none; give at least one log group to classify',
      );
    }
    const segment = props.owner;
    const tableName = resourceName(segment.deploymentName, 'devices');

    // DynamoDB uses the key on behalf of whoever creates or reads the table (CloudFormation at
    // deploy, then the classifier). The segment key otherwise admits account principals only
    // through Secrets Manager, so DynamoDB is admitted here — for this one table.
    segment.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DeviceRegistryTableThroughDynamoDB',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com`,
            'kms:CallerAccount': Aws.ACCOUNT_ID,
            'kms:EncryptionContext:aws:dynamodb:tableName': tableName,
          },
        },
      }),
    );
    segment.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DeviceRegistryTableGrants',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:DescribeKey', 'kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com`,
            'kms:CallerAccount': Aws.ACCOUNT_ID,
          },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      }),
    );

    this.deviceTable = new dynamodb.Table(this, 'DeviceRegistry', {
      tableName,
      partitionKey: { name: 'segment', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'deviceId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: segment.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The registry is the memory of which devices were ever trusted: keep it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const logGroup = segment.createLogGroup('LoginClassifierLogs', {
      purpose: 'monitoring/login-classifier',
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `brokerguard ${segment.deploymentName}: login classifier (logs, device registry)`,
    });
    segment.addMember(this.role, 'login classifier: writes the device registry and its own logs');
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:*`],
      }),
    );
    // Only the conditional put: the classifier never reads, lists or deletes devices.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [this.deviceTable.tableArn],
      }),
    );

    const stack = Stack.of(this);
    const sources: ClassifierLogSource[] = props.logSources.map((s) => ({
      logGroupName: s.logGroup.logGroupName,
      segment: s.segment.segmentName,
      source: s.format,
      deviceIdFrom: s.deviceIdentity ?? DeviceIdentity.LOG_STREAM,
    }));
    const logSourcesJson = stack.toJsonString(sources);
    // A log group made in this app has a token for a name; count it at the longest name.
    const estimatedLength = Token.isUnresolved(logSourcesJson)
      ? JSON.stringify(
          sources.map((s) => ({
            ...s,
            logGroupName: 'x'.repeat(
              Token.isUnresolved(s.logGroupName) ? 512 : s.logGroupName.length,
            ),
          })),
        ).length
      : logSourcesJson.length;
    // Lambda holds at most 4 KB of environment; fail at synth, not at deploy.
    if (estimatedLength > 3000) {
      throw new BrokerGuardError(
        'LOG_SOURCES_TOO_MANY',
        `LoginClassifier: logSources take ${estimatedLength} characters of the function environment, at most 3000 fit (about 30 log groups); got ${sources.length} log groups`,
      );
    }
    this.function = new lambda.Function(this, 'Function', {
      description: 'brokerguard: classifies gateway log lines into login events',
      runtime: HANDLER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: handlerCode('login-classifier'),
      role: this.role,
      memorySize: 256,
      timeout: Duration.seconds(30),
      logGroup,
      environment: {
        DEPLOYMENT: segment.deploymentName,
        LOG_SOURCES: logSourcesJson,
        TRADING_HOURS: JSON.stringify(props.tradingHours),
        LOGIN_WINDOWS: JSON.stringify(props.loginWindows ?? []),
        DEVICE_TABLE: tableName,
      },
    });
    this.function.node.addDependency(this.role);

    props.logSources.forEach((s, i) => {
      new logs.SubscriptionFilter(this, `Subscription${i}`, {
        logGroup: s.logGroup,
        destination: new destinations.LambdaDestination(this.function),
        filterPattern: logs.FilterPattern.allEvents(),
        filterName: resourceName(segment.deploymentName, 'login-classifier'),
      });
    });

    const logGroupId = stack.resolve(
      (logGroup.node.defaultChild as CfnElement).logicalId,
    ) as string;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason:
        'Lambda names its log streams at run time; the wildcard covers streams of the classifier own log group only.',
    });
    // The finding is on the key: DynamoDB must create a grant on the deployer's behalf, and
    // the rule only knows Secrets Manager as a contained path. Both statements are held to
    // kms:ViaService DynamoDB in this account, the data statement to this table's context.
    Validations.of(segment.key).acknowledge({
      id: 'BrokerGuardChecks::BG-KMS-2[Principal::AccountRoot]',
      reason:
        'DynamoDB needs CreateGrant at table creation and decrypts for callers it has authorized; both statements require kms:ViaService dynamodb and kms:CallerAccount, and data use requires the device registry table encryption context.',
    });

    if (props.tradingHoursTick ?? true) {
      new events.Rule(this, 'TradingHoursTick', {
        description: 'brokerguard: the classifier publishes the trading-hours tick each minute',
        schedule: events.Schedule.rate(Duration.minutes(1)),
        targets: [new targets.LambdaFunction(this.function, { retryAttempts: 0 })],
      });
    }
  }
}
