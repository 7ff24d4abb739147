import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { CredentialClass } from '../../lib/contracts';
import { ManualCredential } from '../../lib/credentials/manual-credential';
import { GatewayNetwork, StrategyAccess } from '../../lib/contracts/gateway';
import { TradingMode } from '../../lib/contracts/names';
import { GatewayImage } from '../../lib/gateway/gateway-image';
import { resourcesOf, template } from '../helpers/stack';
import { validateAfterSynth } from '../helpers/validate';
import { gatewayStack } from './gateway-fixture';

const container = (t: ReturnType<typeof template>) =>
  resourcesOf(t, 'AWS::ECS::TaskDefinition')[0][1].Properties.ContainerDefinitions[0];

describe('GatewayHost', () => {
  test('is paused: desired count 0, one task at a time, circuit breaker, no ECS Exec', () => {
    // GIVEN
    const g = gatewayStack();
    // WHEN
    g.host();
    // THEN
    template(g.stack).hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'brokerguard-paper-gateway',
      DesiredCount: 0,
      EnableExecuteCommand: false,
      DeploymentConfiguration: {
        MaximumPercent: 100,
        MinimumHealthyPercent: 0,
        DeploymentCircuitBreaker: { Enable: true, Rollback: false },
      },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } },
    });
  });

  test('runs as the automation role, with a separate execution role that joins the segment', () => {
    const g = gatewayStack();
    const host = g.host();
    const t = template(g.stack);
    const roleId = g.stack.resolve((g.automation.role.node.defaultChild as any).logicalId);
    const execId = g.stack.resolve((host.executionRole.node.defaultChild as any).logicalId);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      TaskRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': [execId, 'Arn'] },
      Tags: Match.arrayWith([{ Key: 'brokerguard:segment', Value: 'automation' }]),
    });
    expect(execId).not.toBe(roleId);
    t.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([
        { Key: 'brokerguard:role-kind', Value: 'function' },
        { Key: 'brokerguard:segment', Value: 'automation' },
      ]),
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'ecs-tasks.amazonaws.com' } })],
      }),
    });
    expect(g.automation.isMember(host.executionRole)).toBe(true);
  });

  test('the login reaches the container only as Secrets Manager references, by JSON key', () => {
    const g = gatewayStack();
    g.host();
    const c = container(template(g.stack));
    const secretId = g.stack.resolve((g.login.secret.node.defaultChild as any).logicalId);
    expect(c.Secrets).toEqual([
      { Name: 'TWS_USERID', ValueFrom: { 'Fn::Join': ['', [{ Ref: secretId }, ':username::']] } },
      { Name: 'TWS_PASSWORD', ValueFrom: { 'Fn::Join': ['', [{ Ref: secretId }, ':password::']] } },
    ]);
    expect(c.Environment.map((e: any) => e.Name).sort()).toEqual([
      'EXISTING_SESSION_DETECTED_ACTION',
      'RELOGIN_AFTER_TWOFA_TIMEOUT',
      'TRADING_MODE',
      'TWOFA_TIMEOUT_ACTION',
    ]);
    expect(c.Environment).toContainEqual({ Name: 'TRADING_MODE', Value: 'paper' });
  });

  test('logs with awslogs into the login log group, one stream per task under gateway/', () => {
    const g = gatewayStack();
    g.host();
    const c = container(template(g.stack));
    const logId = g.stack.resolve((g.logGroup.node.defaultChild as any).logicalId);
    expect(c.LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: logId },
        'awslogs-stream-prefix': 'gateway',
        'awslogs-region': { Ref: 'AWS::Region' },
        mode: 'non-blocking',
      },
    });
  });

  test('no ingress but the API port from the strategy security group', () => {
    const g = gatewayStack();
    const host = g.host();
    const t = template(g.stack);
    const gatewaySg = g.stack.resolve(host.securityGroup.securityGroupId);
    const strategySg = g.stack.resolve(host.strategySecurityGroup!.securityGroupId);
    const ingress = resourcesOf(t, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
    expect(ingress).toEqual([
      expect.objectContaining({
        GroupId: gatewaySg,
        SourceSecurityGroupId: strategySg,
        IpProtocol: 'tcp',
        FromPort: 4004,
        ToPort: 4004,
      }),
    ]);
    for (const [, sg] of resourcesOf(t, 'AWS::EC2::SecurityGroup')) {
      expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    }
    expect(host.apiPort).toBe(4004);
  });

  test('as a sidecar host, nothing is published and the API is on localhost', () => {
    const g = gatewayStack();
    const host = g.host({ strategyAccess: StrategyAccess.SIDECAR, tradingMode: TradingMode.LIVE });
    const t = template(g.stack);
    expect(host.strategySecurityGroup).toBeUndefined();
    expect(host.apiPort).toBe(4001);
    expect(container(t).PortMappings).toBeUndefined();
    t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('the default network is public subnets without a NAT gateway, rejected flows logged', () => {
    const g = gatewayStack();
    g.host();
    const t = template(g.stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/automation/gateway-rejected-flows',
    });
  });

  test('no in-place container restarts; slow health checks where the image has a probe', () => {
    const g = gatewayStack();
    g.host({ image: GatewayImage.ibeam() });
    const c = container(template(g.stack));
    expect(c.RestartPolicy).toEqual({ Enabled: false });
    expect(c.HealthCheck).toEqual({
      Command: ['CMD-SHELL', 'curl -fsS http://127.0.0.1:5001/livez || exit 1'],
      StartPeriod: 300,
      Interval: 300,
      Timeout: 10,
      Retries: 3,
    });
    expect(c.Image).toBe('voyz/ibeam:0.5.12');
    expect(c.Secrets.map((s: any) => s.Name)).toEqual(['IBEAM_ACCOUNT', 'IBEAM_PASSWORD']);
  });

  test('a custom image runs read-only with a writable /tmp', () => {
    const g = gatewayStack();
    g.host({
      image: GatewayImage.custom(
        '123456789012.dkr.ecr.us-east-1.amazonaws.com/gw@sha256:' + 'a'.repeat(64),
        {
          apiPort: 4002,
        },
      ),
    });
    const t = template(g.stack);
    const c = container(t);
    expect(c.ReadonlyRootFilesystem).toBe(true);
    expect(c.MountPoints).toEqual([
      { SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false },
    ]);
    expect(c.Secrets.map((s: any) => s.Name)).toEqual(['GATEWAY_USERNAME', 'GATEWAY_PASSWORD']);
  });

  test('BrokerGuardChecks find nothing on the host but the writable root of the IBC image', () => {
    // The pack runs here without the app's acknowledgements (synth applies those): the one
    // finding left is the one the host acknowledges with the image's reason.
    const gatewayFindings = (props: Parameters<ReturnType<typeof gatewayStack>['host']>[0]) => {
      const g = gatewayStack();
      g.host(props);
      return validateAfterSynth(new BrokerGuardChecks(), g.stack)
        .violations.map((v) => v.ruleName)
        .filter((r) => /^BG-(ECS|SEC|NET|IAM|SEG|KMS|LOG)/.test(r));
    };
    expect(gatewayFindings({})).toEqual(['BG-ECS-2[Container::gateway]']);
    expect(
      gatewayFindings({
        image: GatewayImage.custom('example.com/gw:1.2.3', { apiPort: 4002 }),
      }),
    ).toEqual([]);
  });

  test('a restart-loop alarm counts task stops that are not scale-downs', () => {
    const g = gatewayStack();
    const host = g.host({ maxTaskStopsPerHour: 4 });
    const t = template(g.stack);
    t.hasResourceProperties('AWS::Events::Rule', {
      Name: 'brokerguard-paper-gateway-task-stopped',
      EventPattern: Match.objectLike({
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: Match.objectLike({
          group: ['service:brokerguard-paper-gateway'],
          lastStatus: ['STOPPED'],
          stoppedReason: [{ 'anything-but': { prefix: 'Scaling activity initiated by' } }],
        }),
      }),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'paper-automation-gateway-restart-loop',
      Namespace: 'AWS/Events',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'RuleName', Value: 'brokerguard-paper-gateway-task-stopped' }],
      Period: 3600,
      Threshold: 4,
    });
    expect(host.restartLoopAlarm).toBeDefined();
    // A deployment fails (without a rollback) when the restart loop trips during it.
    t.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        Alarms: {
          AlarmNames: [g.stack.resolve(host.restartLoopAlarm!.alarmName)],
          Enable: true,
          Rollback: false,
        },
      }),
    });
  });

  test('grantOperate lets the admin scale this service only', () => {
    const g = gatewayStack();
    g.host().grantOperate(g.admin.role);
    const policies = resourcesOf(template(g.stack), 'AWS::IAM::Policy').flatMap(
      ([, p]) => p.Properties.PolicyDocument.Statement,
    );
    const st = policies.find((s: any) => JSON.stringify(s.Action).includes('ecs:UpdateService'));
    expect(st.Action).toEqual(['ecs:DescribeServices', 'ecs:UpdateService']);
    expect(JSON.stringify(st.Resource)).toContain(
      ':service/brokerguard-paper-gateway/brokerguard-paper-gateway',
    );
  });

  test('refuses a login of another segment or class, sizes Fargate refuses, and two tasks', () => {
    const g = gatewayStack();
    const adminLogin = new ManualCredential(g.stack, 'AdminLogin', {
      segment: g.admin,
      name: 'admin-login',
      credentialClass: CredentialClass.PASSWORD,
      maxAge: Duration.days(30),
    });
    expect(() => g.host({ loginSecret: adminLogin.secret })).toThrow(
      /loginSecret paper\/admin\/admin-login belongs to segment admin; nothing crosses segments/,
    );
    const g2 = gatewayStack();
    expect(() => g2.host({ cpu: 1024, memoryMiB: 1024 })).toThrow(
      /memoryMiB 1024 is not a Fargate size for cpu 1024; allowed: 2048, 3072/,
    );
    const g3 = gatewayStack();
    expect(() => g3.host({ desiredCount: 2 })).toThrow(
      /desiredCount must be 0 \(paused\) or 1, got 2/,
    );
    const g4 = gatewayStack();
    expect(() => g4.host({ segment: g4.admin })).toThrow(
      /segment must be the automation segment, got "admin"/,
    );
    const g5 = gatewayStack();
    expect(() => g5.host({ environment: { IB_PASSWORD: 'x' } })).toThrow(
      /environment "IB_PASSWORD" must be an upper-case/,
    );
  });

  test('a VPC of your own is used as given', () => {
    const g = gatewayStack();
    const vpc = new ec2.Vpc(g.stack, 'Mine', { natGateways: 0, maxAzs: 1 });
    const host = g.host({ vpc, network: GatewayNetwork.PUBLIC_SUBNETS });
    expect(host.vpc).toBe(vpc);
    template(g.stack).resourceCountIs('AWS::EC2::VPC', 1);
  });
});
