/**
 * The list prices `brokerguard cost` multiplies by, for one region, with where each comes from.
 *
 * Free tiers are not applied anywhere: an account's free tier is shared with everything else in
 * it, and a deployment that only fits under it is not what the estimate should promise.
 */

/** One list price: US dollars per unit. */
export interface ListPrice {
  readonly usd: number;
  /** What one unit is, as the report prints it: `key-month`, `GB ingested`. */
  readonly unit: string;
  /** The AWS pricing page the price is taken from. */
  readonly source: string;
}

/** Hours in the month AWS bills by (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

const KMS = 'https://aws.amazon.com/kms/pricing/';
const SECRETS = 'https://aws.amazon.com/secrets-manager/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const FARGATE = 'https://aws.amazon.com/fargate/pricing/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';
const PRIVATELINK = 'https://aws.amazon.com/privatelink/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const SFN = 'https://aws.amazon.com/step-functions/pricing/';
const DYNAMODB_ON_DEMAND = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const DYNAMODB_PROVISIONED = 'https://aws.amazon.com/dynamodb/pricing/provisioned/';
const SNS = 'https://aws.amazon.com/sns/pricing/';
const SSM = 'https://aws.amazon.com/systems-manager/pricing/';
const CLOUDFORMATION = 'https://aws.amazon.com/cloudformation/pricing/';

/** The price table: region, the date the prices were taken, and the prices. */
export const PRICE_TABLE = {
  region: 'us-east-1',
  currency: 'USD',
  /**
   * The prices as published on the pages named, as last known when the table was written
   * (2026-12-02, without network access to re-read the pages): check them before relying on a
   * figure, and update this date with the table.
   */
  asOf: '2025-06',
  freeTier: 'not applied',
  prices: {
    kmsKey: { usd: 1.0, unit: 'key-month', source: KMS },
    /** Each of a key's first two automatic rotations adds $1/month; later ones are free. */
    kmsRotation: { usd: 1.0, unit: 'rotation-month (first two rotations)', source: KMS },
    kmsRequests: { usd: 0.03 / 10_000, unit: 'request', source: KMS },
    secret: { usd: 0.4, unit: 'secret-month', source: SECRETS },
    secretApiCalls: { usd: 0.05 / 10_000, unit: 'API call', source: SECRETS },
    alarmMetric: { usd: 0.1, unit: 'standard-resolution alarm metric-month', source: CLOUDWATCH },
    alarmMetricHighResolution: {
      usd: 0.3,
      unit: 'high-resolution alarm metric-month',
      source: CLOUDWATCH,
    },
    compositeAlarm: { usd: 0.5, unit: 'composite alarm-month', source: CLOUDWATCH },
    dashboard: { usd: 3.0, unit: 'dashboard-month', source: CLOUDWATCH },
    /** Prorated by the hour, metered only in hours the metric is sent. */
    customMetric: { usd: 0.3, unit: 'metric-month (first 10,000)', source: CLOUDWATCH },
    logIngestion: { usd: 0.5, unit: 'GB ingested (standard class)', source: CLOUDWATCH },
    logIngestionInfrequent: {
      usd: 0.25,
      unit: 'GB ingested (infrequent access class)',
      source: CLOUDWATCH,
    },
    logStorage: { usd: 0.03, unit: 'GB-month stored', source: CLOUDWATCH },
    fargateVcpuX86: { usd: 0.04048, unit: 'vCPU-hour (Linux/x86)', source: FARGATE },
    fargateGbX86: { usd: 0.004445, unit: 'GB-hour (Linux/x86)', source: FARGATE },
    fargateVcpuArm: { usd: 0.03238, unit: 'vCPU-hour (Linux/ARM)', source: FARGATE },
    fargateGbArm: { usd: 0.00356, unit: 'GB-hour (Linux/ARM)', source: FARGATE },
    fargateEphemeralStorage: {
      usd: 0.000111,
      unit: 'GB-hour of ephemeral storage above 20 GB',
      source: FARGATE,
    },
    publicIpv4: { usd: 0.005, unit: 'public IPv4 address-hour', source: VPC },
    natGatewayHour: { usd: 0.045, unit: 'NAT gateway-hour', source: VPC },
    natGatewayData: { usd: 0.045, unit: 'GB processed by a NAT gateway', source: VPC },
    interfaceEndpointHour: { usd: 0.01, unit: 'endpoint-hour per AZ', source: PRIVATELINK },
    interfaceEndpointData: { usd: 0.01, unit: 'GB processed by an endpoint', source: PRIVATELINK },
    lambdaRequests: { usd: 0.2 / 1_000_000, unit: 'request', source: LAMBDA },
    lambdaGbSecondX86: { usd: 0.0000166667, unit: 'GB-second (x86_64)', source: LAMBDA },
    lambdaGbSecondArm: { usd: 0.0000133334, unit: 'GB-second (arm64)', source: LAMBDA },
    sfnStandardTransitions: { usd: 0.025 / 1000, unit: 'state transition (standard)', source: SFN },
    sfnExpressRequests: { usd: 1.0 / 1_000_000, unit: 'execution (express)', source: SFN },
    dynamoWrites: {
      usd: 0.625 / 1_000_000,
      unit: 'write request unit',
      source: DYNAMODB_ON_DEMAND,
    },
    dynamoReads: { usd: 0.125 / 1_000_000, unit: 'read request unit', source: DYNAMODB_ON_DEMAND },
    dynamoStorage: { usd: 0.25, unit: 'GB-month stored', source: DYNAMODB_ON_DEMAND },
    dynamoPitr: {
      usd: 0.2,
      unit: 'GB-month of point-in-time recovery',
      source: DYNAMODB_ON_DEMAND,
    },
    dynamoWcuHour: { usd: 0.00065, unit: 'provisioned WCU-hour', source: DYNAMODB_PROVISIONED },
    dynamoRcuHour: { usd: 0.00013, unit: 'provisioned RCU-hour', source: DYNAMODB_PROVISIONED },
    snsPublish: { usd: 0.5 / 1_000_000, unit: 'publish', source: SNS },
    snsEmail: { usd: 2.0 / 100_000, unit: 'email notification', source: SNS },
    snsHttp: { usd: 0.6 / 1_000_000, unit: 'HTTP(S) notification', source: SNS },
    ssmAdvancedParameter: { usd: 0.05, unit: 'advanced parameter-month', source: SSM },
    /**
     * Hooks are billed per handler operation (each invocation on a stack, change set or resource
     * operation); the first 30 seconds of an operation are included, and a Guard evaluation takes
     * far less.
     */
    hookOperation: { usd: 0.0009, unit: 'hook handler operation', source: CLOUDFORMATION },
  },
} as const satisfies {
  region: string;
  currency: string;
  asOf: string;
  freeTier: string;
  prices: Record<string, ListPrice>;
};

export type PriceName = keyof typeof PRICE_TABLE.prices;
