import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { ECSClient, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, runLockoutGuard, settingsFromEnv } from '../../lib/response/lockout-guard.lambda';
import { dummyAwsEnv } from './playbook-fixtures';
import { PlaybookServicesDouble } from './playbook-services-double';

const execFileAsync = promisify(execFile);

dummyAwsEnv();
const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);
const ec2 = mockClient(EC2Client);
const sns = mockClient(SNSClient);
const config = { region: 'us-east-1' };
const clients = () => ({
  ssm: new SSMClient(config),
  ecs: new ECSClient(config),
  ec2: new EC2Client(config),
  sns: new SNSClient(config),
});
const settings = {
  deploymentName: 'paper',
  alertTopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
  switchParameterName: '/brokerguard/paper/automation/enabled',
};
const alarmEvent = (value: string) => ({
  detail: { alarmName: 'paper-automation-lockout-risk', state: { value } },
});

beforeEach(() => {
  [ssm, ecs, ec2, sns].forEach((m) => m.reset());
  ssm.on(PutParameterCommand).resolves({});
  sns.on(PublishCommand).resolves({});
});

describe('lock-out guard', () => {
  test('an ALARM turns the switch off and tells the alert channel which alarm did it', async () => {
    const steps = await runLockoutGuard(alarmEvent('ALARM'), settings, clients());
    expect(steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'pause-automation:done',
      'stop-ecs-service:skipped',
      'stop-ec2-instance:skipped',
    ]);
    expect(ssm.commandCalls(PutParameterCommand)[0].args[0].input).toMatchObject({
      Name: '/brokerguard/paper/automation/enabled',
      Value: 'false',
    });
    const published = sns.commandCalls(PublishCommand)[0].args[0].input;
    expect(published.TopicArn).toBe(settings.alertTopicArn);
    expect(published.Message).toMatch(/^BrokerGuard \[paper\] lock-out guard paused automation/);
    expect(published.Message).toContain('Detail: alarm paper-automation-lockout-risk fired');
  });

  test('never turns the switch on: an OK state does nothing', async () => {
    expect(await runLockoutGuard(alarmEvent('OK'), settings, clients())).toEqual([]);
    expect(ssm.calls()).toHaveLength(0);
  });

  test('stops the configured ECS service and EC2 instance too', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ status: 'ACTIVE', desiredCount: 1 }] });
    ecs.on(UpdateServiceCommand).resolves({});
    ec2.on(StopInstancesCommand).resolves({});
    await runLockoutGuard(
      alarmEvent('ALARM'),
      {
        ...settings,
        ecsService: { clusterName: 'c', serviceName: 's' },
        ec2InstanceId: 'i-0123456789abcdef0',
      },
      clients(),
    );
    expect(ecs.commandCalls(UpdateServiceCommand)[0].args[0].input.desiredCount).toBe(0);
    expect(ec2.commandCalls(StopInstancesCommand)[0].args[0].input.InstanceIds).toEqual([
      'i-0123456789abcdef0',
    ]);
  });

  test('the handler fails the invocation when the switch cannot be written, so EventBridge retries', async () => {
    ssm
      .on(PutParameterCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    process.env.DEPLOYMENT_NAME = 'paper';
    process.env.ALERT_TOPIC_ARN = settings.alertTopicArn;
    process.env.SWITCH_PARAMETER_NAME = settings.switchParameterName;
    await expect(handler(alarmEvent('ALARM'))).rejects.toThrow(
      /pause-automation: AccessDeniedException: denied/,
    );
    expect(sns.commandCalls(PublishCommand)[0].args[0].input.Message).toMatch(
      /could NOT fully pause/,
    );
  });

  test('settingsFromEnv names a missing variable', () => {
    expect(() => settingsFromEnv({ DEPLOYMENT_NAME: 'paper' })).toThrow(
      /ALERT_TOPIC_ARN is not set/,
    );
    expect(
      settingsFromEnv({
        ...{ DEPLOYMENT_NAME: 'p', ALERT_TOPIC_ARN: 't', SWITCH_PARAMETER_NAME: 's' },
        ECS_CLUSTER: 'c',
        ECS_SERVICE: 'v',
      }),
    ).toEqual({
      deploymentName: 'p',
      alertTopicArn: 't',
      switchParameterName: 's',
      ecsService: { clusterName: 'c', serviceName: 'v' },
    });
  });
});

describe('the bundled lockout-guard handler against HTTP doubles', () => {
  const bundle = join(__dirname, '../../dist/handlers/lockout-guard/index.js');
  const services = new PlaybookServicesDouble();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
      AWS_SECRET_ACCESS_KEY: 'dummy-secret-for-tests',
      DEPLOYMENT_NAME: 'paper',
      ALERT_TOPIC_ARN: settings.alertTopicArn,
      SWITCH_PARAMETER_NAME: settings.switchParameterName,
      ECS_CLUSTER: 'trading',
      ECS_SERVICE: 'bot',
      ...(await services.start()),
    };
  });
  afterAll(() => services.stop());
  // The mocks above would answer these real SDK calls; the doubles must.
  beforeEach(() => [ssm, ecs, ec2, sns].forEach((m) => m.restore()));

  test('an alarm event over the wire turns the switch off, scales the service to zero and tells the channel', async () => {
    const script = `require(${JSON.stringify(bundle)}).handler(JSON.parse(process.env.EVENT)).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e.message); process.exit(1); })`;
    const event = { 'detail-type': 'CloudWatch Alarm State Change', ...alarmEvent('ALARM') };
    const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
      env: { ...env, EVENT: JSON.stringify(event) },
    });
    const steps = JSON.parse(stdout);
    expect(steps.map((s: { status: string }) => s.status)).toEqual(['done', 'done', 'skipped']);
    expect(services.parameters.get(settings.switchParameterName)).toBe('false');
    expect(services.desiredCount).toBe(0);
    expect(services.published).toHaveLength(1);
    expect(services.published[0].message).toMatch(
      /^BrokerGuard \[paper\] lock-out guard paused automation/,
    );
  });
});
