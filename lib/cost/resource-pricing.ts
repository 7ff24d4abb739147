import { asList } from '../policy/model/intrinsics';
import { ModelResource, TemplateModel } from '../policy/model/template-model';
import { AssumptionName, Scenario } from './assumptions';
import { HOURS_PER_MONTH, PRICE_TABLE, PriceName } from './prices';
import { CustomMetric, TemplateUsage, transitionsPerExecution } from './usage';

/** One priced quantity: 4 keys × $1.00. */
export interface Charge {
  readonly what: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly usd: number;
}

/** `priced` (maybe at $0 for the volumes), `free` (no list price), or `not-priced`. */
export type PriceStatus = 'priced' | 'free' | 'not-priced';

/** What one resource costs in one scenario. */
export interface ResourcePrice {
  readonly status: PriceStatus;
  readonly charges: readonly Charge[];
  readonly note?: string;
}

/** What pricing a resource may read. */
export interface PricingContext {
  readonly model: TemplateModel;
  readonly scenario: Scenario;
  readonly volumes: Readonly<Record<AssumptionName, number>>;
  readonly usage: TemplateUsage;
  readonly metrics: ReadonlyMap<string, readonly CustomMetric[]>;
}

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
const fmt = (n: number) => Number(n.toPrecision(6)).toLocaleString('en-US');

function charge(price: PriceName, quantity: number, what: string): Charge {
  const p = PRICE_TABLE.prices[price];
  return { what, quantity, unit: p.unit, unitUsd: p.usd, usd: quantity * p.usd };
}

const priced = (charges: Charge[], note?: string): ResourcePrice => ({
  status: 'priced',
  charges,
  ...(note ? { note } : {}),
});
const notPriced = (note: string): ResourcePrice => ({ status: 'not-priced', charges: [], note });

/** Types with no list price of their own, and why. A prefix ends in `::`. */
const FREE: Record<string, string> = {
  'AWS::IAM::': 'IAM has no charge',
  'AWS::RolesAnywhere::': 'IAM Roles Anywhere has no charge',
  'AWS::KMS::Alias': 'aliases are free',
  'AWS::SecretsManager::ResourcePolicy': 'no charge',
  'AWS::SecretsManager::RotationSchedule': 'no charge; its rotation function is priced',
  'AWS::Lambda::Permission': 'no charge',
  'AWS::Lambda::EventSourceMapping': 'no charge; the function is priced',
  'AWS::Lambda::Version': 'no charge',
  'AWS::Lambda::Alias': 'no charge',
  'AWS::Logs::SubscriptionFilter': 'no charge; its destination is priced',
  'AWS::Logs::ResourcePolicy': 'no charge',
  'AWS::Events::Rule': 'AWS service events and schedules on the default bus are free',
  'AWS::SNS::TopicPolicy': 'no charge',
  'AWS::SSM::Parameter': 'standard parameters are free',
  'AWS::EC2::LaunchTemplate': 'launches nothing by itself; no instance is in the template',
  'AWS::EC2::InstanceProfile': 'no charge',
  'AWS::EC2::VPC': 'no charge',
  'AWS::EC2::Subnet': 'no charge',
  'AWS::EC2::RouteTable': 'no charge',
  'AWS::EC2::Route': 'no charge',
  'AWS::EC2::SubnetRouteTableAssociation': 'no charge',
  'AWS::EC2::InternetGateway': 'no charge; public IPv4 addresses are priced where they are used',
  'AWS::EC2::VPCGatewayAttachment': 'no charge',
  'AWS::EC2::SecurityGroup': 'no charge',
  'AWS::EC2::SecurityGroupIngress': 'no charge',
  'AWS::EC2::SecurityGroupEgress': 'no charge',
  'AWS::EC2::NetworkAcl': 'no charge',
  'AWS::EC2::NetworkAclEntry': 'no charge',
  'AWS::EC2::SubnetNetworkAclAssociation': 'no charge',
  'AWS::ECS::Cluster': 'no charge; tasks are priced on their service',
  'AWS::ECS::TaskDefinition': 'no charge; priced on the service that runs it',
  'AWS::ECS::ClusterCapacityProviderAssociations': 'no charge',
  'AWS::CloudTrail::Trail':
    'the first trail of management events is free; data events and its S3 storage are not estimated',
  // Stacks, wait conditions, hook settings: free. Hooks themselves are priced (PRICERS), and an
  // activated registry extension is billed per handler operation of its own (NOT_PRICED).
  'AWS::CloudFormation::': 'no charge',
  'AWS::CDK::Metadata': 'no charge',
  'Custom::': 'runs at deployment only; its function is priced',
};

function freeReason(type: string): string | undefined {
  if (FREE[type]) return FREE[type];
  const prefix = Object.keys(FREE).find((k) => k.endsWith('::') && type.startsWith(k));
  return prefix ? FREE[prefix] : undefined;
}

function num(model: TemplateModel, value: unknown): number | undefined {
  const flat = model.flatten(value);
  const n = flat === undefined || flat.trim() === '' ? Number.NaN : Number(flat);
  return Number.isFinite(n) ? n : undefined;
}

function kmsKey(res: ModelResource, c: PricingContext): ResourcePrice {
  const charges = [charge('kmsKey', 1, 'customer-managed key')];
  if (c.model.flatten(res.properties.EnableKeyRotation) === 'true') {
    const period = num(c.model, res.properties.RotationPeriodInDays) ?? 365;
    const rotations = Math.min(2, Math.floor((c.volumes.keyAgeMonths * DAYS_PER_MONTH) / period));
    if (rotations > 0)
      charges.push(charge('kmsRotation', rotations, `${rotations} rotation(s) so far`));
  }
  charges.push(charge('kmsRequests', c.volumes.kmsRequestsPerKey, 'requests (assumed)'));
  return priced(charges);
}

function alarm(res: ModelResource, c: PricingContext): ResourcePrice {
  const p = res.properties;
  const queries = asList(p.Metrics) as Array<Record<string, unknown>>;
  const stats = queries.filter((q) => q?.MetricStat);
  let metrics = p.MetricName !== undefined ? 1 : stats.length;
  const anomaly = queries.some((q) => /ANOMALY_DETECTION_BAND/i.test(String(q?.Expression ?? '')));
  // An anomaly detection alarm is billed as three metrics: the metric and its band's two edges.
  if (anomaly) metrics *= 3;
  const periods = [p.Period, ...stats.map((q) => (q.MetricStat as { Period?: unknown }).Period)]
    .map((x) => num(c.model, x))
    .filter((x): x is number => x !== undefined);
  const highResolution = periods.some((x) => x < 60);
  const charges = [
    charge(
      highResolution ? 'alarmMetricHighResolution' : 'alarmMetric',
      metrics,
      anomaly ? 'alarm metrics (anomaly detection: 3 each)' : 'alarm metrics',
    ),
  ];
  return priced([...charges, ...metricCharges(res, c)]);
}

/** The custom metrics a resource is the first to need. */
function metricCharges(res: ModelResource, c: PricingContext): Charge[] {
  return (c.metrics.get(res.id) ?? []).map((m) => {
    const hours = m.hours === 'always' ? HOURS_PER_MONTH : c.volumes[m.hours];
    return charge(
      'customMetric',
      (m.count * hours) / HOURS_PER_MONTH,
      `custom metric ${m.namespace} ${m.name} × ${m.count}, ${fmt(hours)} h (${m.why})`,
    );
  });
}

function logGroup(res: ModelResource, c: PricingContext): ResourcePrice {
  const gb = (c.usage.logMb.get(res.id) ?? 0) / 1024;
  const infrequent = c.model.flatten(res.properties.LogGroupClass) === 'INFREQUENT_ACCESS';
  const retentionDays = num(c.model, res.properties.RetentionInDays);
  const months = Math.min(
    c.volumes.logHistoryMonths,
    retentionDays === undefined ? Infinity : retentionDays / DAYS_PER_MONTH,
  );
  const written =
    c.usage.functionLogGroup.size > 0 && [...c.usage.functionLogGroup.values()].includes(res.id);
  return priced([
    charge(
      infrequent ? 'logIngestionInfrequent' : 'logIngestion',
      gb,
      written ? 'ingested from the template’s writers' : 'ingested (appLogMbPerMonth)',
    ),
    charge('logStorage', gb * months, `stored: ${fmt(months)} months of ingestion`),
  ]);
}

function lambda(res: ModelResource, c: PricingContext): ResourcePrice {
  const inv = c.usage.invocations.get(res.id);
  const n = inv?.perMonth ?? 0;
  const memoryGb = (num(c.model, res.properties.MemorySize) ?? 128) / 1024;
  const arm = asList(res.properties.Architectures).some((a) => c.model.flatten(a) === 'arm64');
  const seconds = n * (c.volumes.lambdaAverageDurationMs / 1000);
  const charges = [
    charge('lambdaRequests', n, 'invocations'),
    charge(arm ? 'lambdaGbSecondArm' : 'lambdaGbSecondX86', seconds * memoryGb, 'compute'),
  ];
  if (!c.usage.functionLogGroup.has(res.id)) {
    charges.push(
      charge(
        'logIngestion',
        (n * c.volumes.lambdaLogKbPerInvocation) / 1024 / 1024,
        'log (group not in the template)',
      ),
    );
  }
  const note = inv
    ? inv.sources.join('; ')
    : 'nothing in the template invokes it on a schedule or event: 0 invocations assumed';
  return priced(charges, note);
}

function stateMachine(res: ModelResource, c: PricingContext): ResourcePrice {
  const runs = c.volumes.stateMachineExecutionsPerMonth;
  if (c.model.flatten(res.properties.StateMachineType) === 'EXPRESS') {
    return priced(
      [charge('sfnExpressRequests', runs, 'executions')],
      'express: duration not priced',
    );
  }
  const transitions = transitionsPerExecution(c.model, res);
  return priced(
    [charge('sfnStandardTransitions', runs * transitions, 'state transitions')],
    `${transitions} states per execution, each entered once`,
  );
}

function dynamoTable(res: ModelResource, c: PricingContext): ResourcePrice {
  const p = res.properties;
  const v = c.volumes;
  const charges: Charge[] = [];
  if (c.model.flatten(p.BillingMode) === 'PAY_PER_REQUEST') {
    charges.push(charge('dynamoReads', v.dynamoReadsPerTable, 'read request units (assumed)'));
    charges.push(charge('dynamoWrites', v.dynamoWritesPerTable, 'write request units (assumed)'));
  } else {
    const throughputs = [
      p.ProvisionedThroughput,
      ...asList(p.GlobalSecondaryIndexes).map(
        (g) => (g as Record<string, unknown>)?.ProvisionedThroughput,
      ),
    ];
    let rcu = 0;
    let wcu = 0;
    for (const t of throughputs) {
      const { ReadCapacityUnits, WriteCapacityUnits } = (t ?? {}) as Record<string, unknown>;
      rcu += num(c.model, ReadCapacityUnits) ?? 0;
      wcu += num(c.model, WriteCapacityUnits) ?? 0;
    }
    charges.push(charge('dynamoRcuHour', rcu * HOURS_PER_MONTH, `${rcu} provisioned RCU`));
    charges.push(charge('dynamoWcuHour', wcu * HOURS_PER_MONTH, `${wcu} provisioned WCU`));
  }
  charges.push(charge('dynamoStorage', v.dynamoStorageGb, 'storage (assumed size)'));
  const pitr = (p.PointInTimeRecoverySpecification ?? {}) as Record<string, unknown>;
  if (c.model.flatten(pitr.PointInTimeRecoveryEnabled) === 'true') {
    charges.push(charge('dynamoPitr', v.dynamoStorageGb, 'point-in-time recovery'));
  }
  return priced(charges);
}

const FREE_PROTOCOLS = new Set(['lambda', 'sqs', 'firehose', 'application']);

/** One SNS delivery protocol's price for `messages` messages. */
function delivery(protocol: string, messages: number): Charge | ResourcePrice {
  if (protocol === 'email' || protocol === 'email-json')
    return charge('snsEmail', messages, `${protocol} deliveries`);
  if (protocol === 'http' || protocol === 'https')
    return charge('snsHttp', messages, `${protocol} deliveries`);
  if (FREE_PROTOCOLS.has(protocol))
    return { status: 'free', charges: [], note: `${protocol} deliveries are free` };
  return notPriced(`${protocol} deliveries: price depends on destination`);
}

function snsTopic(res: ModelResource, c: PricingContext): ResourcePrice {
  const messages = c.volumes.alertsPerMonth;
  const charges = [charge('snsPublish', messages, 'publishes (alertsPerMonth)')];
  for (const s of asList(res.properties.Subscription)) {
    const d = delivery(c.model.flatten((s as Record<string, unknown>)?.Protocol) ?? '', messages);
    if ('usd' in d) charges.push(d);
  }
  return priced(charges);
}

function snsSubscription(res: ModelResource, c: PricingContext): ResourcePrice {
  const d = delivery(c.model.flatten(res.properties.Protocol) ?? '?', c.volumes.alertsPerMonth);
  return 'usd' in d ? priced([d]) : d;
}

function ecsService(res: ModelResource, c: PricingContext): ResourcePrice {
  const p = res.properties;
  const m = c.model;
  const launch = m.flatten(p.LaunchType);
  const providers = asList(p.CapacityProviderStrategy).map(
    (s) => m.flatten((s as Record<string, unknown>)?.CapacityProvider) ?? '',
  );
  const td = m.target(p.TaskDefinition);
  const compat = asList(td?.properties.RequiresCompatibilities).map((x) => m.flatten(x));
  const fargate =
    launch === 'FARGATE' ||
    providers.some((x) => x.startsWith('FARGATE')) ||
    (!launch && providers.length === 0 && compat.includes('FARGATE'));
  if (!fargate)
    return notPriced('not on Fargate: the EC2 capacity it runs on is not in the template');
  if (!td) return notPriced('its task definition is not in this template');
  const cpu = num(m, td.properties.Cpu);
  const memory = num(m, td.properties.Memory);
  if (cpu === undefined || memory === undefined)
    return notPriced('the task definition’s Cpu or Memory is not a literal value');
  const platform = (td.properties.RuntimePlatform ?? {}) as Record<string, unknown>;
  if (/WINDOWS/i.test(m.flatten(platform.OperatingSystemFamily) ?? ''))
    return notPriced('Windows tasks: not in the price table');
  const arm = m.flatten(platform.CpuArchitecture) === 'ARM64';
  const desired = num(m, p.DesiredCount) ?? 1;
  const tasks =
    c.scenario === 'paused' ? desired : Math.max(desired, c.volumes.runningTasksPerService);
  const hours = tasks * c.volumes.gatewayHoursPerMonth;
  const vcpu = cpu / 1024;
  const gb = memory / 1024;
  const charges = [
    charge(
      arm ? 'fargateVcpuArm' : 'fargateVcpuX86',
      vcpu * hours,
      `${fmt(vcpu)} vCPU × ${fmt(hours)} task-hours`,
    ),
    charge(
      arm ? 'fargateGbArm' : 'fargateGbX86',
      gb * hours,
      `${fmt(gb)} GB × ${fmt(hours)} task-hours`,
    ),
  ];
  const storage =
    num(m, (td.properties.EphemeralStorage as Record<string, unknown> | undefined)?.SizeInGiB) ??
    20;
  if (storage > 20)
    charges.push(
      charge('fargateEphemeralStorage', (storage - 20) * hours, 'ephemeral storage above 20 GB'),
    );
  const vpc =
    ((p.NetworkConfiguration ?? {}) as Record<string, Record<string, unknown>>)
      .AwsvpcConfiguration ?? {};
  if (m.flatten(vpc.AssignPublicIp) === 'ENABLED')
    charges.push(charge('publicIpv4', hours, 'public IPv4 address per task'));
  const spot = providers.some((x) => x === 'FARGATE_SPOT');
  return priced(
    charges,
    `${tasks} task(s)${spot ? '; Fargate Spot priced as on-demand (an upper bound)' : ''}`,
  );
}

function vpcEndpoint(res: ModelResource, c: PricingContext): ResourcePrice {
  const type = c.model.flatten(res.properties.VpcEndpointType) ?? 'Gateway';
  if (type === 'Gateway')
    return { status: 'free', charges: [], note: 'gateway endpoints are free' };
  const azs = Math.max(1, asList(res.properties.SubnetIds).length);
  return priced([
    charge('interfaceEndpointHour', azs * HOURS_PER_MONTH, `${azs} AZ(s) × ${HOURS_PER_MONTH} h`),
    charge('interfaceEndpointData', c.volumes.endpointGbPerMonth, 'data processed (assumed)'),
  ]);
}

type Pricer = (res: ModelResource, c: PricingContext) => ResourcePrice;

const PRICERS: Record<string, Pricer> = {
  'AWS::KMS::Key': kmsKey,
  'AWS::SecretsManager::Secret': (_r, c) =>
    priced([
      charge('secret', 1, 'secret'),
      charge('secretApiCalls', c.volumes.secretApiCallsPerSecret, 'API calls (assumed)'),
    ]),
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudWatch::CompositeAlarm': () => priced([charge('compositeAlarm', 1, 'composite alarm')]),
  'AWS::CloudWatch::Dashboard': () =>
    priced([charge('dashboard', 1, 'dashboard (first-3-free tier not applied)')]),
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Logs::MetricFilter': (r, c) =>
    priced(metricCharges(r, c), 'the filter is free; its metric is not'),
  'AWS::Lambda::Function': lambda,
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::DynamoDB::Table': dynamoTable,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::ECS::Service': ecsService,
  'AWS::EC2::NatGateway': (_r, c) =>
    priced([
      charge('natGatewayHour', HOURS_PER_MONTH, 'gateway-hours'),
      charge('natGatewayData', c.volumes.natGbPerMonth, 'data processed (assumed)'),
    ]),
  'AWS::EC2::EIP': () =>
    priced([charge('publicIpv4', HOURS_PER_MONTH, 'Elastic IP (billed attached or not)')]),
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::CloudFormation::GuardHook': hook,
  'AWS::CloudFormation::LambdaHook': hook,
  'AWS::EC2::FlowLog': (r, c) =>
    (c.model.flatten(r.properties.LogDestinationType) ?? 'cloud-watch-logs') === 'cloud-watch-logs'
      ? {
          status: 'free',
          charges: [],
          // Vended logs' first tier costs what standard ingestion costs.
          note: 'its records are priced as ingestion on its log group (vended logs: same first-tier price)',
        }
      : notPriced('flow logs to S3 or Firehose: not in the price table'),
};

/** Hook types: billed per invocation (handler operation) unless disabled. */
function hook(res: ModelResource, c: PricingContext): ResourcePrice {
  if (c.model.flatten(res.properties.HookStatus) === 'DISABLED') {
    return { status: 'free', charges: [], note: 'disabled: not invoked' };
  }
  return priced(
    [charge('hookOperation', c.volumes.hookInvocationsPerMonth, 'invocations (assumed)')],
    res.type === 'AWS::CloudFormation::LambdaHook'
      ? 'its Lambda function is priced on its own'
      : undefined,
  );
}

/** Types known to be billed in ways the table does not estimate, and why. */
const NOT_PRICED: Record<string, string> = {
  'AWS::Config::ConfigRule':
    'AWS Config bills each rule evaluation; not estimated (the evaluation count depends on how often the judged resources change)',
  'AWS::Config::ConfigurationRecorder':
    'AWS Config bills each configuration item recorded; not estimated (it depends on how often the recorded resources change)',
  'AWS::CloudFormation::TypeActivation':
    'an activated registry extension is billed per handler operation of its own; not estimated',
  'AWS::CloudFormation::ResourceVersion':
    'a registered resource type is billed per handler operation of its own; not estimated',
  'AWS::CloudFormation::HookVersion':
    'a registered hook is billed per handler operation of its own; not estimated',
};

/** The price of one resource in one scenario; a type the table does not know is `not-priced`. */
export function priceResource(res: ModelResource, c: PricingContext): ResourcePrice {
  if (res.type === 'AWS::SSM::Parameter' && c.model.flatten(res.properties.Tier) === 'Advanced') {
    return priced([charge('ssmAdvancedParameter', 1, 'advanced parameter')]);
  }
  const pricer = PRICERS[res.type];
  if (pricer) return pricer(res, c);
  if (NOT_PRICED[res.type]) return notPriced(NOT_PRICED[res.type]);
  const free = freeReason(res.type);
  if (free) return { status: 'free', charges: [], note: free };
  return notPriced(`${res.type} is not in the price table`);
}
