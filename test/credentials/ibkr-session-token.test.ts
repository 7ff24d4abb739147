import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { IbkrSessionToken } from '../../lib/credentials/ibkr-session-token';
import { resourcesOf, template } from '../helpers/stack';
import { roleStatements, segmentsStack } from './credential-fixtures';

function build(extra: Partial<ConstructorParameters<typeof IbkrSessionToken>[2]> = {}) {
  const { stack, automation, admin } = segmentsStack();
  const token = new IbkrSessionToken(stack, 'Ibkr', { segment: automation, ...extra });
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as never);
  return { stack, automation, admin, token, t: template(stack), id };
}

test('a session secret rotated every 12 hours by the bundled IBKR handler, and an issuer secret', () => {
  // WHEN
  const { t, token, id } = build();
  // THEN
  t.hasResourceProperties('AWS::SecretsManager::Secret', {
    Name: 'paper/automation/ibkr-session',
    Tags: Match.arrayWith([{ Key: 'brokerguard:credential-class', Value: 'session-token' }]),
  });
  t.hasResourceProperties('AWS::SecretsManager::Secret', {
    Name: 'paper/automation/ibkr-session-issuer',
    Tags: Match.arrayWith([{ Key: 'brokerguard:credential-class', Value: 'api-key' }]),
  });
  t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
    SecretId: { Ref: id(token.sessionSecret) },
    RotationRules: { ScheduleExpression: 'rate(12 hours)' },
    // the issuer is empty until the user puts it after the first deploy
    RotateImmediatelyOnUpdate: false,
  });
  t.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Environment: {
      Variables: { ISSUER_SECRET_ID: { Ref: id(token.issuerSecret) }, IBKR_TIMEOUT_MS: '15000' },
    },
  });
});

test('the issuer secret denies reading to every principal but the rotation function', () => {
  // WHEN
  const { t, token, id } = build();
  // THEN
  const [, policy] = resourcesOf(t, 'AWS::SecretsManager::ResourcePolicy').find(
    ([, p]) => p.Properties.SecretId.Ref === id(token.issuerSecret),
  )!;
  expect(policy.Properties.ResourcePolicy.Statement).toContainEqual(
    expect.objectContaining({
      Sid: 'DenyReadToAllButRotationFunction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'secretsmanager:GetSecretValue',
      Condition: {
        ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [id(token.credential.role), 'Arn'] } },
      },
    }),
  );
});

test('the segment key refuses to decrypt the issuer secret for anyone but the function', () => {
  // WHEN
  const { t, token, id } = build();
  // THEN
  const [, key] = resourcesOf(t, 'AWS::KMS::Key').find(([k]) => k.startsWith('Automation'))!;
  const deny = key.Properties.KeyPolicy.Statement.find((s: { Sid?: string }) =>
    s.Sid?.startsWith('DenyDecryptOfIssuerSecret'),
  );
  expect(deny).toMatchObject({
    Effect: 'Deny',
    Action: 'kms:Decrypt',
    Condition: {
      ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [id(token.credential.role), 'Arn'] } },
      StringLike: { 'kms:EncryptionContext:SecretARN': expect.anything() },
      // the key-access check Secrets Manager makes at CreateSecret must still pass
      StringNotEquals: {
        'kms:EncryptionContext:SecretVersionId': 'RequestToValidateKeyAccess',
      },
    },
  });
  expect(JSON.stringify(deny.Condition.StringLike)).toContain(
    ':secret:paper/automation/ibkr-session-issuer-??????',
  );
});

test('the trading server may read the session secret but is never granted the issuer', () => {
  // GIVEN
  const { stack, automation } = segmentsStack();
  const token = new IbkrSessionToken(stack, 'Ibkr', { segment: automation });
  // WHEN
  token.grantRead();
  // THEN
  const t = template(stack);
  const serverStatements = JSON.stringify(
    roleStatements(t, stack.getLogicalId(automation.role.node.defaultChild as never)),
  );
  expect(serverStatements).toContain(
    stack.getLogicalId(token.sessionSecret.node.defaultChild as never),
  );
  expect(serverStatements).not.toContain(
    stack.getLogicalId(token.issuerSecret.node.defaultChild as never),
  );
});

test('the issuer secret has an age alarm with the regeneration runbook', () => {
  build({ issuerMaxAge: Duration.days(60) }).t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'paper-automation-ibkr-session-issuer-age',
    Threshold: 60,
    Dimensions: [{ Name: 'Credential', Value: 'paper/automation/ibkr-session-issuer' }],
    AlarmDescription: Match.stringLikeRegexp(
      'regenerate the access token[\\s\\S]*put-secret-value --secret-id paper/automation/ibkr-session-issuer',
    ),
  });
});

test('putIssuerCommand is the one-time command from the README, and a stack output', () => {
  // WHEN
  const { token, t } = build();
  // THEN
  const command =
    'aws secretsmanager put-secret-value --secret-id paper/automation/ibkr-session-issuer --secret-string file://ibkr-oauth.json';
  expect(token.putIssuerCommand).toBe(command);
  expect(Object.values(t.findOutputs('*')).map((o) => o.Value)).toContain(command);
  expect(readFileSync(join(__dirname, '../../README.md'), 'utf8')).toContain(command);
});

test.each([
  [Duration.hours(24), /shorter than the token lifetime of 1 day, got 1 day/],
  [Duration.hours(2), /at least 4 hours/],
])('automaticallyAfter %s is refused', (automaticallyAfter, message) => {
  expect(() => build({ automaticallyAfter })).toThrow(message);
});

test('only the automation segment may hold IBKR session tokens', () => {
  // GIVEN
  const { stack, admin } = segmentsStack();
  // WHEN / THEN
  expect(() => new IbkrSessionToken(stack, 'Ibkr', { segment: admin })).toThrow(
    /segment must be "automation", got "admin": only the trading server reads session tokens/,
  );
});

test('a name that leaves no room for "-issuer" is refused', () => {
  expect(() => build({ name: 'a'.repeat(34) })).toThrow(
    /name must be 2-33 lowercase letters.*got "a{34}"/,
  );
});
