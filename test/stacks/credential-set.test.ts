import { Match } from 'aws-cdk-lib/assertions';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { CredentialSet } from '../../lib/stacks/credential-set';
import { IbkrSessionToken } from '../../lib/credentials/ibkr-session-token';
import { ManualCredential } from '../../lib/credentials/manual-credential';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { DEFAULT_CREDENTIALS } from '../helpers/default-config';
import { resourcesOf, template, testStack } from '../helpers/stack';

function build(credentials: unknown[] = DEFAULT_CREDENTIALS) {
  const stack = testStack();
  const config = parseConfig({ alerts: { email: ['trader@example.com'] }, credentials });
  const segments = segmentsFromConfig(stack, config);
  const alerts = new AlertChannel(stack, 'Alerts', {
    segment: segments.approvals,
    subscriptions: config.alerts,
  });
  const set = new CredentialSet(stack, 'Credentials', {
    segments,
    credentials: config.credentials,
    alerts,
  });
  return { stack, set, segments, t: template(stack) };
}

test('the default configuration gives an IBKR session token and a manual login, each alarmed', () => {
  // WHEN
  const { set, t } = build();
  // THEN
  expect(set.ibkrSessions['ibkr-session']).toBeInstanceOf(IbkrSessionToken);
  expect(set.manual['ibkr-login']).toBeInstanceOf(ManualCredential);
  expect(set.alarms.map((a) => a.node.path)).toHaveLength(3);
  t.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  for (const name of [
    'paper-automation-ibkr-session-issuer-age',
    'paper-automation-ibkr-session-rotation-overdue',
    'paper-automation-ibkr-login-age',
  ]) {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
    });
  }
});

test('one age check for the whole deployment, logging to the admin segment', () => {
  // WHEN
  const { t } = build();
  // THEN
  const functions = resourcesOf(t, 'AWS::Lambda::Function');
  expect(functions).toHaveLength(2); // the IBKR rotation function and the age check
  t.hasResourceProperties('AWS::Logs::LogGroup', {
    LogGroupName: '/brokerguard/paper/admin/credential-age',
  });
  t.hasResourceProperties('AWS::Lambda::Function', {
    Environment: {
      Variables: {
        // the session secret is published for its rotation-overdue alarm
        SECRET_IDS: JSON.stringify([
          'paper/automation/ibkr-session',
          'paper/automation/ibkr-session-issuer',
          'paper/automation/ibkr-login',
        ]),
      },
    },
  });
});

test('everyHours and maxAgeDays from the configuration reach the template', () => {
  // WHEN
  const { t } = build([
    { ...DEFAULT_CREDENTIALS[0], rotation: { type: 'ibkr-oauth', everyHours: 6 } },
    { ...DEFAULT_CREDENTIALS[1], rotation: { type: 'manual', maxAgeDays: 30 } },
  ]);
  // THEN
  t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
    RotationRules: { ScheduleExpression: 'rate(6 hours)' },
  });
  t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'paper-automation-ibkr-login-age',
    Threshold: 30,
  });
});

test('the segment role reads its session token and manual credential, never the issuer', () => {
  // WHEN
  const { stack, set, segments, t } = build();
  // THEN
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  const serverPolicies = JSON.stringify(
    resourcesOf(t, 'AWS::IAM::Policy')
      .filter(([, p]) =>
        p.Properties.Roles.some((r: { Ref: string }) => r.Ref === id(segments.automation.role)),
      )
      .map(([, p]) => p.Properties.PolicyDocument),
  );
  expect(serverPolicies).toContain(id(set.ibkrSessions['ibkr-session'].sessionSecret));
  expect(serverPolicies).toContain(id(set.manual['ibkr-login'].secret));
  expect(serverPolicies).not.toContain(id(set.ibkrSessions['ibkr-session'].issuerSecret));
});

test('no credentials, no age check', () => {
  const { t, set } = build([]);
  expect(set.ageCheck).toBeUndefined();
  t.resourceCountIs('AWS::Lambda::Function', 0);
});

test('every secret carries its segment tag', () => {
  const { t } = build();
  for (const [, s] of resourcesOf(t, 'AWS::SecretsManager::Secret')) {
    expect(s.Properties.Tags).toContainEqual({ Key: 'brokerguard:segment', Value: 'automation' });
  }
});

test('secret(name) finds what the trading server reads, and names the choices otherwise', () => {
  // GIVEN
  const { set } = build();
  // THEN
  expect(set.secret('ibkr-session')).toBe(set.ibkrSessions['ibkr-session'].sessionSecret);
  expect(() => set.secret('nope')).toThrow(
    /no credential named "nope"; the configuration has ibkr-session, ibkr-login/,
  );
});

test('the admin role may put the hand-kept values (issuer, manual) but never read them', () => {
  const { segments, t } = build();
  const adminPolicies = resourcesOf(t, 'AWS::IAM::Policy').filter(([, p]) =>
    JSON.stringify(p.Properties.Roles).includes(
      segments.admin.stack.getLogicalId(segments.admin.role.node.defaultChild as any),
    ),
  );
  const statements = adminPolicies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  const put = statements.find((s: any) => s.Sid === 'PutHandKeptCredentials');
  expect(put.Action).toEqual(['secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret']);
  const targets = JSON.stringify(put.Resource);
  expect(targets).toMatch(/IssuerSecret/);
  expect(targets).toMatch(/ibkrloginManualCredentialSecret/);
  // the session secret is the rotation function's to write
  expect(targets).not.toMatch(/SessionSecret/);
  const kms = statements.find(
    (s: any) => s.Sid === 'EncryptHandKeptCredentialsThroughSecretsManager',
  );
  expect(Object.keys(kms.Condition.StringEquals)).toEqual([
    'kms:ViaService',
    'kms:EncryptionContext:SecretARN',
  ]);
  // through Secrets Manager, and only for the secrets it writes: the same list as the put
  expect(kms.Condition.StringEquals['kms:EncryptionContext:SecretARN']).toEqual(put.Resource);
  expect(JSON.stringify(kms.Condition)).not.toMatch(/SessionSecret/);
  const actions = statements.flatMap((s: any) => [].concat(s.Action));
  expect(actions).not.toContain('secretsmanager:GetSecretValue');
});
