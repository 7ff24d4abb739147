import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { RotatingCredential, RotationHandler } from '../../lib/credentials/rotating-credential';
import { SegmentSecret } from '../../lib/segments/segment-secret';
import { resourcesOf, template } from '../helpers/stack';
import { inlineHandler, roleStatements, segmentsStack } from './credential-fixtures';
import { CredentialClass } from '../../lib/contracts';

function build(extra: Partial<ConstructorParameters<typeof RotatingCredential>[2]> = {}) {
  const { stack, automation, admin } = segmentsStack();
  const cred = new RotatingCredential(stack, 'Cred', {
    segment: automation,
    name: 'broker-token',
    credentialClass: CredentialClass.SESSION_TOKEN,
    handler: inlineHandler(),
    ...extra,
  });
  return { stack, automation, admin, cred, t: template(stack) };
}

describe('schedules', () => {
  test.each([
    ['session-token', 'rate(12 hours)'],
    ['api-key', 'rate(30 days)'],
  ] as const)('a %s rotates on %s by default', (credentialClass, expression) => {
    // WHEN
    const { t } = build({ credentialClass: credentialClass as CredentialClass });
    // THEN
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: expression },
      RotateImmediatelyOnUpdate: true,
    });
  });

  test.each([
    [
      'session-token',
      Duration.hours(3),
      /at least 4 hours \(the Secrets Manager minimum\), got 3 hours/,
    ],
    ['session-token', Duration.hours(25), /at most 24 hours for a session-token, got 1 day 1 hour/],
    ['api-key', Duration.days(91), /at most 90 days for a api-key, got 91 days/],
    ['session-token', Duration.minutes(330), /whole hours, got 5 hours 30 minutes/],
  ] as const)(
    'a %s refuses automaticallyAfter %s',
    (credentialClass, automaticallyAfter, message) => {
      expect(() =>
        build({ credentialClass: credentialClass as CredentialClass, automaticallyAfter }),
      ).toThrow(message);
    },
  );

  test('a session token rotates before it expires', () => {
    expect(() =>
      build({ automaticallyAfter: Duration.hours(8), tokenLifetime: Duration.hours(8) }),
    ).toThrow(/shorter than the token lifetime of 8 hours, got 8 hours/);
  });

  test('a password is not a rotating credential', () => {
    expect(() => build({ credentialClass: CredentialClass.PASSWORD as never })).toThrow(
      /credentialClass must be "session-token" or "api-key", got "password" \(a password or second factor is a ManualCredential\)/,
    );
  });
});

describe('the rotation function', () => {
  test('runs on Node.js 24, one at a time, with a timeout for a slow broker, logging to the segment', () => {
    // WHEN
    const { t } = build();
    // THEN
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
      Timeout: 60,
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/automation/rotation/broker-token',
      KmsKeyId: Match.anyValue(),
      RetentionInDays: Match.anyValue(),
    });
  });

  test('may be invoked by Secrets Manager of this account only', () => {
    build().t.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  test('its role touches only its own secret, and reads only its issuer', () => {
    // GIVEN
    const { stack, automation } = segmentsStack();
    const issuer = new SegmentSecret(stack, 'Issuer', {
      segment: automation,
      name: 'issuer',
      credentialClass: CredentialClass.API_KEY,
    });
    // WHEN
    const cred = new RotatingCredential(stack, 'Cred', {
      segment: automation,
      name: 'broker-token',
      credentialClass: CredentialClass.API_KEY,
      handler: inlineHandler(),
      issuer,
    });
    const t = template(stack);
    const roleId = stack.getLogicalId(cred.role.node.defaultChild as never);
    const secretId = stack.getLogicalId(cred.secret.node.defaultChild as never);
    const issuerId = stack.getLogicalId(issuer.node.defaultChild as never);
    // THEN
    const secretStatements = roleStatements(t, roleId).filter((s) =>
      [].concat(s.Action).some((a: string) => a.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toEqual([
      expect.objectContaining({
        Action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        Resource: { Ref: secretId },
      }),
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Resource: { Ref: issuerId },
      }),
    ]);
    for (const s of roleStatements(t, roleId)) expect(s.Resource).not.toEqual('*');
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ISSUER_SECRET_ID: { Ref: issuerId } } },
    });
  });

  test('its role joins the segment: tagged as a function of automation, named in the key policy', () => {
    // WHEN
    const { stack, cred, t } = build();
    const roleId = stack.getLogicalId(cred.role.node.defaultChild as never);
    // THEN
    t.hasResourceProperties('AWS::IAM::Role', {
      Tags: Match.arrayWith([
        { Key: 'brokerguard:role-kind', Value: 'function' },
        { Key: 'brokerguard:segment', Value: 'automation' },
      ]),
    });
    const [, key] = resourcesOf(t, 'AWS::KMS::Key').find(([id]) => id.startsWith('Automation'))!;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain(roleId);
  });

  test('its key use is held to Secrets Manager and to its own secret and issuer', () => {
    // GIVEN a segment that also keeps a hand-kept login the rotation function must not open
    const { stack, automation } = segmentsStack();
    const issuer = new SegmentSecret(stack, 'Issuer', {
      segment: automation,
      name: 'issuer',
      credentialClass: CredentialClass.API_KEY,
    });
    new SegmentSecret(stack, 'Login', {
      segment: automation,
      name: 'login',
      credentialClass: CredentialClass.PASSWORD,
    });
    // WHEN
    const cred = new RotatingCredential(stack, 'Cred', {
      segment: automation,
      name: 'broker-token',
      credentialClass: CredentialClass.API_KEY,
      handler: inlineHandler(),
      issuer,
    });
    const t = template(stack);
    const roleId = stack.getLogicalId(cred.role.node.defaultChild as never);
    // THEN
    const [, key] = resourcesOf(t, 'AWS::KMS::Key').find(([id]) => id.startsWith('Automation'))!;
    const mine = (key.Properties.KeyPolicy.Statement as any[]).filter((s) =>
      JSON.stringify(s.Principal).includes(roleId),
    );
    const use = mine.filter((s) => [].concat(s.Action).includes('kms:Decrypt' as never));
    expect(use).toHaveLength(1);
    expect(use[0].Condition.StringEquals).toEqual({
      'kms:ViaService': {
        'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
      },
    });
    const arns = JSON.stringify(use[0].Condition.StringLike['kms:EncryptionContext:SecretARN']);
    expect(arns).toContain(':secret:paper/automation/broker-token-??????');
    expect(arns).toContain(':secret:paper/automation/issuer-??????');
    expect(arns).not.toContain('login');
    // DescribeKey carries no encryption context: it stays a statement of its own
    const rest = mine.filter((s) => s !== use[0]);
    expect(rest.map((s) => s.Action)).toEqual(['kms:DescribeKey']);
  });

  test('the secret cannot be deleted by the account root', () => {
    build().t.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'secretsmanager:DeleteSecret' }),
        ]),
      },
    });
  });

  test('the bundled IBKR handler is deployed from dist/handlers', () => {
    // WHEN
    const { t } = build({ handler: RotationHandler.ibkrSession() });
    // THEN
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Code: { S3Key: Match.anyValue() },
    });
  });

  test('a handler that was never built fails with the command that builds it', () => {
    expect(() => build({ handler: RotationHandler.fromBundle('no-such-handler') })).toThrow(
      /handler bundle "no-such-handler" not found .*run npm run build/,
    );
  });
});

describe('segments', () => {
  test('an issuer of another segment is refused', () => {
    // GIVEN
    const { stack, automation, admin } = segmentsStack();
    const issuer = new SegmentSecret(stack, 'Issuer', {
      segment: admin,
      name: 'issuer',
      credentialClass: CredentialClass.API_KEY,
    });
    // WHEN / THEN
    expect(
      () =>
        new RotatingCredential(stack, 'Cred', {
          segment: automation,
          name: 'broker-token',
          credentialClass: CredentialClass.SESSION_TOKEN,
          handler: inlineHandler(),
          issuer,
        }),
    ).toThrow(
      /issuer secret .* belongs to segment admin, not automation; nothing crosses segments/,
    );
  });

  test('grantRead to another segment is refused', () => {
    // GIVEN
    const { cred, admin } = build();
    // WHEN / THEN
    expect(() => cred.grantRead(admin.role)).toThrow(
      /cannot grant read to a principal of segment admin/,
    );
  });

  test('grantRead defaults to the segment role', () => {
    // GIVEN
    const { stack, automation } = segmentsStack();
    const cred = new RotatingCredential(stack, 'Cred', {
      segment: automation,
      name: 'broker-token',
      credentialClass: CredentialClass.SESSION_TOKEN,
      handler: inlineHandler(),
    });
    // WHEN
    cred.grantRead();
    // THEN
    const roleId = stack.getLogicalId(automation.role.node.defaultChild as never);
    expect(JSON.stringify(roleStatements(template(stack), roleId))).toContain(
      'secretsmanager:GetSecretValue',
    );
  });
});
