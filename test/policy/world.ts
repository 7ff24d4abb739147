/**
 * A compliant template with two segments (automation, approvals), written by hand in plain
 * CloudFormation so the rules are tested on templates the kit did not make. Rule tests break
 * it one way at a time.
 */
// Tests reach deep into hand-written templates; typing every property would hide the intent.

export type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

export const tags = (t: Record<string, string>) =>
  Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
export const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
export const ref = (id: string) => ({ Ref: id });
const root = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
  ],
};
export const LOGIN_ALARM_EVENTS: Record<string, string> = {
  'failed-login-burst': 'login_failed',
  'second-factor': 'second_factor_failed',
  'new-device': 'new_device',
  'entitlement-change': 'entitlement_changed',
  'competing-session': 'session_competing',
};

function key(segment: string, members: string[]): Resources[string] {
  return {
    Type: 'AWS::KMS::Key',
    Properties: {
      EnableKeyRotation: true,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: root },
            Action: ['kms:DescribeKey', 'kms:PutKeyPolicy'],
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Principal: { AWS: root },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: '*',
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
              },
            },
          },
          {
            Effect: 'Allow',
            Principal: { AWS: members.map(arn) },
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Principal: { Service: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' } },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: '*',
          },
        ],
      },
      Tags: tags({ 'brokerguard:segment': segment }),
    },
  };
}

function secret(segment: string, name: string, cls: string, readers: string[]): Resources {
  const id = name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()) + 'Secret';
  return {
    [id]: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: {
        Name: `paper/${segment}/${name}`,
        KmsKeyId: arn(`${segment[0].toUpperCase()}${segment.slice(1)}Key`),
        Tags: tags({ 'brokerguard:segment': segment, 'brokerguard:credential-class': cls }),
      },
    },
    [`${id}Policy`]: {
      Type: 'AWS::SecretsManager::ResourcePolicy',
      Properties: {
        SecretId: ref(id),
        BlockPublicPolicy: true,
        ResourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': readers.map(arn) } },
            },
          ],
        },
      },
    },
  };
}

function alarms(segment: string): Resources {
  const out: Resources = {};
  for (const [k, event] of Object.entries(LOGIN_ALARM_EVENTS)) {
    out[`${segment}${k.replace(/-/g, '')}Alarm`] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `paper-${segment}-${k}`,
        Namespace: 'BrokerGuard/Login',
        MetricName: 'LoginEvents',
        Dimensions: [
          { Name: 'Segment', Value: segment },
          { Name: 'Event', Value: event },
          { Name: 'Category', Value: 'identity' },
        ],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [ref('AlertTopic')],
      },
    };
  }
  return out;
}

export function world(): Resources {
  const seg = (s: string, kind = 'segment') =>
    tags({ 'brokerguard:segment': s, 'brokerguard:role-kind': kind });
  return {
    AutomationKey: key('automation', ['AutomationRole', 'RotationRole']),
    ApprovalsKey: key('approvals', ['ApprovalsRole']),
    AutomationBoundary: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'],
              Resource: '*',
            },
          ],
        },
      },
    },
    AutomationRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        MaxSessionDuration: 3600,
        PermissionsBoundary: ref('AutomationBoundary'),
        Tags: seg('automation'),
      },
    },
    AutomationRolePolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'read-session',
        Roles: [ref('AutomationRole')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: ref('SessionSecret'),
            },
          ],
        },
      },
    },
    ApprovalsRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: root },
              Action: 'sts:AssumeRole',
              Condition: {
                Bool: { 'aws:MultiFactorAuthPresent': 'true' },
                NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
              },
            },
          ],
        },
        MaxSessionDuration: 3600,
        Policies: [
          {
            PolicyName: 'read-second-factor',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'secretsmanager:GetSecretValue',
                  Resource: ref('TotpSeedSecret'),
                },
              ],
            },
          },
        ],
        Tags: seg('approvals'),
      },
    },
    RotationRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'rotate',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: [
                    'secretsmanager:GetSecretValue',
                    'secretsmanager:PutSecretValue',
                    'secretsmanager:UpdateSecretVersionStage',
                  ],
                  Resource: ref('SessionSecret'),
                },
              ],
            },
          },
        ],
        Tags: seg('automation', 'function'),
      },
    },
    RotationLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: '/brokerguard/paper/automation/rotation',
        KmsKeyId: arn('AutomationKey'),
        RetentionInDays: 365,
        Tags: tags({ 'brokerguard:segment': 'automation' }),
      },
    },
    RotationFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async () => {};' },
        Role: arn('RotationRole'),
        LoggingConfig: { LogGroup: ref('RotationLogGroup') },
        Tags: tags({ 'brokerguard:segment': 'automation' }),
      },
    },
    ...secret('automation', 'session', 'session-token', ['AutomationRole', 'RotationRole']),
    SessionRotation: {
      Type: 'AWS::SecretsManager::RotationSchedule',
      Properties: {
        SecretId: ref('SessionSecret'),
        RotationLambdaARN: arn('RotationFunction'),
        RotationRules: { ScheduleExpression: 'rate(12 hours)' },
      },
    },
    ...secret('automation', 'gateway-password', 'password', ['AutomationRole']),
    GatewayPasswordAgeAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: 'paper-automation-gateway-password-age',
        Namespace: 'BrokerGuard',
        MetricName: 'CredentialAgeDays',
        Dimensions: [{ Name: 'Credential', Value: 'paper/automation/gateway-password' }],
        Statistic: 'Maximum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 90,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [ref('AlertTopic')],
      },
    },
    ...secret('approvals', 'totp-seed', 'second-factor', ['ApprovalsRole']),
    ...alarms('automation'),
    ...alarms('approvals'),
    AlertTopic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: arn('ApprovalsKey') } },
    AlertTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [ref('AlertTopic')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref('AlertTopic'),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    AlertSubscription: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: ref('AlertTopic'),
        Protocol: 'email',
        Endpoint: 'trader@example.com',
      },
    },
    ServerSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'trading server',
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 7497, ToPort: 7497, CidrIp: '10.0.0.0/16' },
        ],
      },
    },
  };
}
