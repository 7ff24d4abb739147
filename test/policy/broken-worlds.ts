import { Resources, arn, ref, world } from './world';

/**
 * For each rule, one way to break the compliant world that breaks that rule and no other:
 * `check` on the result must report exactly that rule.
 */
export const BREAKERS: Record<string, (w: Resources) => void> = {
  'BG-SEG-1': (w) => {
    // The deny only applies off the VPC endpoint (conditions are ANDed): a loophole.
    w.GatewayPasswordSecretPolicy.Properties.ResourcePolicy.Statement[0].Condition.StringNotEquals =
      {
        'aws:SourceVpce': 'vpce-1234',
      };
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: ref('GatewayPasswordSecret'),
    });
  },
  'BG-SEG-2': (w) => {
    w.TotpSeedSecret.Properties.Tags[0].Value = 'automation';
    w.TotpSeedSecret.Properties.KmsKeyId = arn('AutomationKey');
    w.TotpSeedSecretPolicy.Properties.ResourcePolicy.Statement[0].Condition.ArnNotEquals[
      'aws:PrincipalArn'
    ] = [arn('AutomationRole')];
  },
  'BG-SEG-3': (w) => {
    w.SessionSecretPolicy.Properties.BlockPublicPolicy = false;
  },
  'BG-SEG-4': (w) => {
    // Untagged but rotated, so BG-ROT-4 (rotation for unclassed secrets) stays quiet.
    w.Stray = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'stray' } };
    w.StrayRotation = {
      Type: 'AWS::SecretsManager::RotationSchedule',
      Properties: {
        SecretId: ref('Stray'),
        HostedRotationLambda: { RotationType: 'PostgreSQLSingleUser' },
        RotationRules: { ScheduleExpression: 'rate(30 days)' },
      },
    };
  },
  'BG-IAM-1': (w) => {
    delete w.ApprovalsRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
  },
  'BG-IAM-2': (w) => {
    w.AutomationRole.Properties.MaxSessionDuration = 43200;
  },
  'BG-IAM-3': (w) => {
    delete w.AutomationRole.Properties.PermissionsBoundary;
  },
  'BG-IAM-4': (w) => {
    w.AutomationRolePolicy.Properties.PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 's3:Get*',
      Resource: '*',
    });
  },
  'BG-IAM-5': (w) => {
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: '*',
    });
  },
  'BG-IAM-7': (w) => {
    // A function role of the segment, so the automation-only BG-IAM-4 does not judge it.
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: 'logs:*',
      Resource: '*',
    });
  },
  'BG-IAM-6': (w) => {
    w.Bot = { Type: 'AWS::IAM::User', Properties: {} };
    w.BotKey = { Type: 'AWS::IAM::AccessKey', Properties: { UserName: ref('Bot') } };
  },
  'BG-ROT-1': (w) => {
    w.SessionRotation.Properties.RotationRules = { ScheduleExpression: 'rate(2 days)' };
  },
  'BG-ROT-2': (w) => {
    delete w.GatewayPasswordAgeAlarm;
  },
  'BG-ROT-3': (w) => {
    w.RotationFunction.Properties.Runtime = 'nodejs18.x';
  },
  'BG-ROT-4': (w) => {
    // An unclassed secret without rotation is always also untagged: BG-SEG-4 comes with it.
    w.Stray = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'stray' } };
  },
  'BG-SEC-1': (w) => {
    w.SessionSecret.Properties.SecretString = '{"token":"written-in-the-template"}';
  },
  'BG-SEC-2': (w) => {
    w.RotationFunction.Properties.Environment = { Variables: { IBKR_PASSWORD: 'hunter2' } };
  },
  'BG-KMS-1': (w) => {
    w.ApprovalsKey.Properties.EnableKeyRotation = false;
  },
  'BG-KMS-2': (w) => {
    w.ApprovalsKey.Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
  },
  'BG-MON-1': (w) => {
    delete w.automationnewdeviceAlarm;
  },
  'BG-MON-2': (w) => {
    w.GatewayPasswordAgeAlarm.Properties.ActionsEnabled = false;
  },
  'BG-MON-3': (w) => {
    delete w.AlertSubscription;
  },
  'BG-LOG-1': (w) => {
    delete w.RotationLogGroup.Properties.RetentionInDays;
  },
  'BG-LOG-2': (w) => {
    delete w.RotationFunction.Properties.LoggingConfig;
  },
  'BG-NET-1': (w) => {
    w.ServerSecurityGroup.Properties.SecurityGroupIngress[0].CidrIp = '0.0.0.0/0';
  },
  'BG-ECS-1': (w) => {
    w.GatewayTask = gatewayTask();
    delete w.GatewayTask.Properties.TaskRoleArn;
  },
  'BG-ECS-2': (w) => {
    w.GatewayTask = gatewayTask();
    w.GatewayTask.Properties.ContainerDefinitions[0].ReadonlyRootFilesystem = false;
  },
  'BG-ECS-3': (w) => {
    w.GatewayTask = gatewayTask();
    w.GatewayService = {
      Type: 'AWS::ECS::Service',
      Properties: { TaskDefinition: ref('GatewayTask'), EnableExecuteCommand: true },
    };
  },
  'BG-SEC-3': (w) => {
    w.GatewayTask = gatewayTask();
    w.GatewayTask.Properties.ContainerDefinitions[0].Environment = [
      { Name: 'TWS_PASSWORD', Value: 'hunter2' },
    ];
  },
};

/** A compliant gateway task definition: IBeam as the automation role, read-only. */
function gatewayTask(): Resources[string] {
  return {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      TaskRoleArn: arn('AutomationRole'),
      ContainerDefinitions: [
        { Name: 'gateway', Image: 'voyz/ibeam:0.5.12', ReadonlyRootFilesystem: true },
      ],
    },
  };
}

/**
 * Rules a breaker cannot avoid tripping besides its own, with why: `check` must report exactly
 * the rule and these.
 */
export const COMPANIONS: Record<string, readonly string[]> = {
  'BG-ROT-4': ['BG-SEG-4'],
};

/** The compliant world broken in `ruleId`'s way. */
export function brokenWorld(ruleId: string): Resources {
  const w = world();
  BREAKERS[ruleId](w);
  return w;
}
