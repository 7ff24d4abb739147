import { App, CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CodePipeline,
  CodePipelineSource,
  ManualApprovalStep,
  ShellStep,
} from 'aws-cdk-lib/pipelines';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardChecks, BrokerGuardStage } from 'brokerguard';

/** Example accounts and repository: replace with yours (docs/multi-account.md). */
export const PIPELINE_ACCOUNTS = {
  /** Runs the pipeline; deploys into the others through their CDK bootstrap roles. */
  tooling: '333333333333',
  paper: '111111111111',
  live: '222222222222',
};
export const PIPELINE_REGION = 'us-east-1';
export const REPOSITORY = 'my-org/my-trading-infra';
export const CONNECTION_ARN =
  'arn:aws:codeconnections:us-east-1:333333333333:connection/00000000-0000-0000-0000-000000000000';

export interface PipelineApp {
  readonly stack: Stack;
  readonly pipeline: CodePipeline;
  readonly paper: BrokerGuardStage;
  readonly live: BrokerGuardStage;
  readonly policyCheck: ShellStep;
}

/**
 * CDK Pipelines, paper before live: the synth runs the policy packs (any finding fails it);
 * `brokerguard check` then judges every template the synth made and `brokerguard sarif` keeps
 * the findings as a SARIF artifact; paper deploys; a person approves; live deploys.
 */
export function buildPipeline(app: App = new App()): PipelineApp {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
  const stack = new Stack(app, 'BrokerGuardPipeline', {
    env: { account: PIPELINE_ACCOUNTS.tooling, region: PIPELINE_REGION },
    description: 'brokerguard: deploys paper, then live after approval',
  });

  const source = CodePipelineSource.connection(REPOSITORY, 'main', {
    connectionArn: CONNECTION_ARN,
  });
  const synth = new ShellStep('Synth', {
    input: source,
    commands: ['npm ci', 'npx cdk synth'],
  });

  // The artifact bucket: KMS-encrypted with a rotating key (the other accounts decrypt the
  // artifacts through it), TLS only, access-logged.
  const artifactKey = new kms.Key(stack, 'ArtifactKey', {
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    description: 'brokerguard pipeline artifacts',
  });
  const accessLogs = new s3.Bucket(stack, 'ArtifactAccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const artifactBucket = new s3.Bucket(stack, 'Artifacts', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: artifactKey,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    serverAccessLogsBucket: accessLogs,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const pipeline = new CodePipeline(stack, 'Pipeline', {
    synth,
    artifactBucket,
    crossAccountKeys: true,
    enableKeyRotation: true,
  });

  const deployment = (name: string, tradingMode: 'paper' | 'live') => ({
    deployment: { name, broker: 'ibkr', tradingMode },
    segments: { automation: { compute: ['ecs'] } },
    credentials: [
      {
        name: 'ibkr-session',
        segment: 'automation',
        class: 'session-token',
        rotation: { type: 'ibkr-oauth', everyHours: 12 },
      },
    ],
    alerts: { email: ['trader@example.com'] },
  });
  const paper = new BrokerGuardStage(app, 'Paper', {
    env: { account: PIPELINE_ACCOUNTS.paper, region: PIPELINE_REGION },
    config: deployment('paper', 'paper'),
  });
  const live = new BrokerGuardStage(app, 'Live', {
    env: { account: PIPELINE_ACCOUNTS.live, region: PIPELINE_REGION },
    config: deployment('live', 'live'),
  });

  // Every template of the synth (both stages), judged before anything deploys. The SARIF file
  // is this step's output artifact, kept in the artifact bucket.
  const policyCheck = new ShellStep('PolicyCheck', {
    input: source,
    additionalInputs: { 'cdk.out': synth },
    commands: [
      'npm ci',
      'mkdir -p reports',
      'npx brokerguard sarif cdk.out --output reports/brokerguard.sarif',
      'npx brokerguard check cdk.out',
    ],
    primaryOutputDirectory: 'reports',
  });
  pipeline.addStage(paper, { pre: [policyCheck] });
  pipeline.addStage(live, {
    pre: [
      new ManualApprovalStep('PromoteToLive', {
        comment: 'Paper is deployed and its alarms are quiet: promote to the live account?',
      }),
    ],
  });
  pipeline.buildPipeline();
  acknowledgePipelineFindings(stack, pipeline, artifactBucket);
  return { stack, pipeline, paper, live, policyCheck };
}

/**
 * The wildcards CDK Pipelines writes into its own roles, each acknowledged with its reason
 * (AwsSolutions-IAM5 is granular: one acknowledgement per finding). Everything else the packs
 * would flag was fixed by props above.
 */
function acknowledgePipelineFindings(
  stack: Stack,
  pipeline: CodePipeline,
  artifactBucket: s3.Bucket,
): void {
  const ack = (id: string, reason: string) => Validations.of(pipeline).acknowledge({ id, reason });
  const iam5 = (finding: string, reason: string) =>
    ack(`AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason);
  const logicalId = (e: CfnElement) => stack.resolve(e.logicalId) as string;

  const artifacts =
    'CDK Pipelines grants its actions read and write on the artifact bucket and its key through the S3 and KMS grant helpers; the bucket and key hold only this pipeline artifacts.';
  for (const action of [
    's3:GetObject*',
    's3:GetBucket*',
    's3:List*',
    's3:DeleteObject*',
    's3:Abort*',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
  ]) {
    iam5(`Action::${action}`, artifacts);
  }
  iam5(
    `Resource::<${logicalId(artifactBucket.node.defaultChild as CfnElement)}.Arn>/*`,
    `${artifacts} Object keys are generated per execution.`,
  );

  // Each CodeBuild project writes its own log group and report groups, named at run time.
  const { region, account } = stack;
  for (const project of pipeline.node.findAll()) {
    if (!(project instanceof codebuild.CfnProject)) continue;
    const id = logicalId(project);
    iam5(
      `Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/codebuild/<${id}>:*`,
      'The log streams of this CodeBuild project are created per build inside its own log group.',
    );
    iam5(
      `Resource::arn:<AWS::Partition>:codebuild:${region}:${account}:report-group/<${id}>-*`,
      'Report groups of this CodeBuild project are prefixed with its name and created per build.',
    );
  }
  iam5(
    `Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/codebuild/*`,
    'The asset-publishing CodeBuild projects are named by CloudFormation; their role writes logs only under /aws/codebuild/.',
  );
  iam5(
    `Resource::arn:<AWS::Partition>:codebuild:${region}:${account}:report-group/*`,
    'The asset-publishing CodeBuild projects are named by CloudFormation; their role may write build reports only.',
  );
  iam5(
    'Resource::*',
    'cloudformation:DescribeStacks, s3:ListBucket (self-mutation) and codebuild:StartBuild/BatchGetBuilds (asset publishing) as CDK Pipelines grants them; none reads or changes data.',
  );
  const bootstrapRoles =
    'The self-mutation step assumes only roles tagged aws-cdk:bootstrap-role (deploy, file-publishing, image-publishing), the roles cdk bootstrap creates; the tag condition, not the ARN, scopes it.';
  iam5(`Resource::arn:*:iam::${account}:role/*`, bootstrapRoles);
  ack('BrokerGuardChecks::BG-IAM-5[AssumeRoleOnAnyResource]', bootstrapRoles);
}

if (require.main === module) {
  const app = new App();
  buildPipeline(app);
  app.synth();
}
