import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { CredentialAgeCheck } from '../../lib/credentials/credential-age-check';
import { ManualCredential } from '../../lib/credentials/manual-credential';
import { resourcesOf, template } from '../helpers/stack';
import { alertsOf, segmentsStack } from './credential-fixtures';
import { CredentialClass } from '../../lib/contracts';

function build(extra: Partial<ConstructorParameters<typeof ManualCredential>[2]> = {}) {
  const { stack, automation, admin } = segmentsStack();
  const cred = new ManualCredential(stack, 'Login', {
    segment: automation,
    name: 'ibkr-login',
    credentialClass: CredentialClass.PASSWORD,
    alerts: alertsOf(admin),
    ...extra,
  });
  return { stack, automation, admin, cred, t: template(stack) };
}

test('a password secret with no rotation function', () => {
  // WHEN
  const { t } = build();
  // THEN
  t.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  t.hasResourceProperties('AWS::SecretsManager::Secret', {
    Name: 'paper/automation/ibkr-login',
    Tags: Match.arrayWith([{ Key: 'brokerguard:credential-class', Value: 'password' }]),
  });
});

test('alarms on BrokerGuard/CredentialAgeDays past 90 days by default, to the alert channel', () => {
  // WHEN
  const { t } = build();
  // THEN
  t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'paper-automation-ibkr-login-age',
    Namespace: 'BrokerGuard',
    MetricName: 'CredentialAgeDays',
    Dimensions: [{ Name: 'Credential', Value: 'paper/automation/ibkr-login' }],
    Statistic: 'Maximum',
    Period: 86400,
    Threshold: 90,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'ignore',
    AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
    AlarmDescription: Match.stringLikeRegexp(
      'last changed more than 90 days ago[\\s\\S]*aws secretsmanager put-secret-value --secret-id paper/automation/ibkr-login[\\s\\S]*Runbook: docs/runbooks.md#runbook-credential-age',
    ),
  });
});

test('maxAge sets the threshold', () => {
  build({ maxAge: Duration.days(30) }).t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    Threshold: 30,
  });
});

test.each([Duration.days(0), Duration.hours(36), Duration.days(1001)])(
  'maxAge %s is refused before anything is built',
  (maxAge) => {
    // GIVEN
    const { stack, automation } = segmentsStack();
    const before = stack.node.findAll().length;
    // WHEN / THEN
    expect(
      () =>
        new ManualCredential(stack, 'Login', {
          segment: automation,
          name: 'ibkr-login',
          credentialClass: CredentialClass.PASSWORD,
          maxAge,
        }),
    ).toThrow(/ManualCredential ibkr-login: maxAge must be whole days between 1 and 1000, got/);
    expect(stack.node.findAll().length - before).toBeLessThanOrEqual(1);
  },
);

test('a session token is not a manual credential', () => {
  expect(() => build({ credentialClass: CredentialClass.SESSION_TOKEN as never })).toThrow(
    /credentialClass must be "password", "api-key" or "second-factor", got "session-token"/,
  );
});

test('credentials of a stack share one daily age check that reads only their metadata', () => {
  // GIVEN
  const { stack, automation, admin } = segmentsStack();
  // WHEN
  new ManualCredential(stack, 'A', {
    segment: automation,
    name: 'ibkr-login',
    credentialClass: CredentialClass.PASSWORD,
  });
  new ManualCredential(stack, 'B', {
    segment: admin,
    name: 'broker-key',
    credentialClass: CredentialClass.API_KEY,
  });
  const t = template(stack);
  // THEN
  const functions = resourcesOf(t, 'AWS::Lambda::Function');
  expect(functions).toHaveLength(1);
  expect(JSON.parse(functions[0][1].Properties.Environment.Variables.SECRET_IDS)).toEqual([
    'paper/automation/ibkr-login',
    'paper/admin/broker-key',
  ]);
  t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  const statements = resourcesOf(t, 'AWS::IAM::Policy').flatMap(
    ([, p]) => p.Properties.PolicyDocument.Statement,
  );
  const read = statements.find((s) => s.Sid === 'ReadCredentialMetadata');
  expect(read.Action).toEqual([
    'secretsmanager:DescribeSecret',
    'secretsmanager:ListSecretVersionIds',
  ]);
  expect(read.Resource).toHaveLength(2);
  expect(JSON.stringify(statements)).not.toContain('secretsmanager:GetSecretValue');
  expect(stack.node.tryFindChild('BrokerGuardCredentialAgeCheck')).toBeInstanceOf(
    CredentialAgeCheck,
  );
});

test('a credential watched twice is refused', () => {
  // GIVEN
  const { stack, automation } = segmentsStack();
  new ManualCredential(stack, 'A', {
    segment: automation,
    name: 'ibkr-login',
    credentialClass: CredentialClass.PASSWORD,
  });
  const check = CredentialAgeCheck.of(stack, automation);
  // WHEN / THEN
  expect(() =>
    check.watch(stack, (stack.node.findChild('A') as ManualCredential).secret, {
      key: 'ibkr-login',
      maxAge: Duration.days(90),
      runbook: '',
    }),
  ).toThrow(/paper\/automation\/ibkr-login is already watched/);
});

test('grantRead from another segment is refused', () => {
  const { cred, admin } = build();
  expect(() => cred.grantRead(admin.role)).toThrow(
    /cannot grant read to a principal of segment admin/,
  );
});
