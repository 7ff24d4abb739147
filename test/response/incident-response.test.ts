import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { IncidentResponse, IncidentResponseProps } from '../../lib/response/incident-response';
import { SegmentSecret } from '../../lib/segments/segment-secret';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { testStack } from '../helpers/stack';
import { CredentialClass } from '../../lib/contracts';
import { validateAfterSynth } from '../helpers/validate';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n';

function setup(opts: { rolesAnywhere?: boolean } = {}) {
  const stack = testStack();
  const config = parseConfig({
    alerts: { email: ['t@example.com'] },
    ...(opts.rolesAnywhere
      ? {
          segments: {
            automation: {
              compute: ['roles-anywhere'],
              rolesAnywhere: { caCertificateBundlePem: CA, certificateSubject: { CN: 'srv' } },
            },
          },
        }
      : {}),
  });
  const segments = segmentsFromConfig(stack, config);
  const alerts = new AlertChannel(stack, 'Alerts', {
    segment: segments.approvals,
    subscriptions: { email: ['t@example.com'] },
  });
  const session = new SegmentSecret(stack, 'Session', {
    segment: segments.automation,
    name: 'ibkr-session',
    credentialClass: CredentialClass.SESSION_TOKEN,
  });
  const login = new SegmentSecret(stack, 'Login', {
    segment: segments.automation,
    name: 'gateway-login',
    credentialClass: CredentialClass.PASSWORD,
  });
  const issuer = new SegmentSecret(stack, 'Issuer', {
    segment: segments.admin,
    name: 'ibkr-oauth',
    credentialClass: CredentialClass.API_KEY,
  });
  const metric = new cloudwatch.Metric({
    namespace: 'BrokerGuard/Login',
    metricName: 'LoginEvents',
  });
  const lockout = new cloudwatch.Alarm(stack, 'Lockout', {
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    alarmName: 'paper-automation-lockout-risk',
  });
  const rule = new events.Rule(stack, 'ForeignRead', {
    eventPattern: { source: ['aws.secretsmanager'] },
  });
  const props: IncidentResponseProps = {
    segments,
    alerts,
    rotatingCredentials: [{ secret: session }],
    manualCredentials: [{ secret: login }, { secret: issuer }],
    lockoutAlarms: [lockout],
    foreignReadRules: { automation: rule },
  };
  return { stack, segments, props, session, login, issuer, lockout, rule };
}

const roleWithPolicy = (t: Template, statement: object) =>
  t.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
  });

/** The state machine definition as an object; CloudFormation references become "<ref>". */
function definitionOf(t: Template): { States: Record<string, any> } {
  const sm = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0] as any;
  const parts: unknown[] = sm.Properties.DefinitionString['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : '<ref>')).join(''));
}

function statementsOf(
  t: Template,
): { Action: string | string[]; Sid?: string; Condition?: unknown; Resource: unknown }[] {
  return Object.values(t.findResources('AWS::IAM::Policy')).flatMap(
    (p: any) => p.Properties.PolicyDocument.Statement,
  );
}

describe('IncidentResponse', () => {
  test('the state machine runs the steps, audits and notifies, with logging and tracing on', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'brokerguard-paper-incident',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
    const { States: s } = definitionOf(t);
    // steps -> audit -> notify -> report; a failed audit still notifies, a failed notification still reports
    expect(s['Run playbook steps'].Next).toBe('Audit: create stream');
    expect(s['Run playbook steps'].Catch[0].Next).toBe('Notify playbook function failed');
    expect(s['Audit: put record'].Resource).toBe(
      'arn:<ref>:states:::aws-sdk:cloudwatchlogs:putLogEvents',
    );
    expect(s['Audit: put record'].Parameters.LogEvents).toEqual([
      {
        'Timestamp.$': '$.playbook.result.audit.timestamp',
        'Message.$': '$.playbook.result.audit.message',
      },
    ]);
    expect(s['Audit failed']).toMatchObject({
      Next: 'Notify alert channel',
      Parameters: {
        status: 'failed',
        'cause.$': "States.Format('{}: {}', $.auditError.Error, $.auditError.Cause)",
      },
    });
    expect(s['Notification failed'].Next).toBe('Report');
    expect(s['Report'].Parameters).toEqual({
      'outcome.$': '$.playbook.result.outcome',
      'text.$': '$.playbook.result.text',
      'audit.$': '$.audit',
      'notification.$': '$.notification',
    });
    // the caller picks a playbook and a scope; the resources are fixed in the definition
    const payload = s['Run playbook steps'].Parameters.Payload;
    expect(payload['request.$']).toBe('$.request');
    expect(payload.targets.segments.admin.manualSecrets).toEqual([
      { arn: '<ref>', name: 'paper/admin/ibkr-oauth' },
    ]);
    // no Roles Anywhere profile, no device step
    expect(Object.keys(s)).not.toContain('Disable Roles Anywhere profile');
  });

  test('with a Roles Anywhere profile, lost-device disables it through the SDK integration, scoped to that profile', () => {
    const { stack, props } = setup({ rolesAnywhere: true });
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    const { States: s } = definitionOf(t);
    expect(s['Disable Roles Anywhere profile']).toMatchObject({
      Resource: 'arn:<ref>:states:::aws-sdk:rolesanywhere:disableProfile',
      Parameters: { ProfileId: '<ref>' },
      Next: 'Run playbook steps',
    });
    expect(s['Device step applies?'].Choices[0]).toEqual({
      And: [
        { Variable: '$.request.playbook', StringEquals: 'lost-device' },
        {
          Or: [
            { Variable: '$.request.scope', StringEquals: 'automation' },
            { Variable: '$.request.scope', StringEquals: 'all' },
          ],
        },
      ],
      Next: 'Disable Roles Anywhere profile',
    });
    expect(s['Roles Anywhere failed'].Next).toBe('Run playbook steps');
    const disable = statementsOf(t).filter((s) => s.Action === 'rolesanywhere:DisableProfile');
    expect(disable).toHaveLength(1);
    expect(JSON.stringify(disable[0].Resource)).toContain('ProfileArn');
  });

  test('the playbook function may do exactly its steps on exactly the segment resources', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    const bySid = Object.fromEntries(
      statementsOf(t)
        .filter((s) => s.Sid)
        .map((s) => [s.Sid, s]),
    );
    expect(bySid.RevokeSegmentSessions.Action).toBe('iam:PutRolePolicy');
    expect((bySid.RevokeSegmentSessions.Resource as unknown[]).length).toBe(4);
    expect(bySid.RotateNow).toMatchObject({
      Action: 'secretsmanager:RotateSecret',
      Resource: { Ref: expect.stringMatching(/^Session/) },
    });
    expect(bySid.FlagManualCredential).toMatchObject({
      Action: 'secretsmanager:TagResource',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['brokerguard:compromised'] } },
    });
    expect((bySid.FlagManualCredential.Resource as unknown[]).length).toBe(2);
    // never a secret value, never a wildcard action
    const actions = statementsOf(t).flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('secretsmanager:GetSecretValue');
    expect(actions.filter((a) => a.endsWith('*') && !a.startsWith('kms:GenerateDataKey'))).toEqual(
      [],
    );
  });

  test('only the admin role, with MFA, may start the playbook (and, opted in, the containment rule)', () => {
    const { stack, props, segments } = setup();
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    const starters = Object.values(t.findResources('AWS::IAM::Policy')).filter((p: any) =>
      p.Properties.PolicyDocument.Statement.some((s: any) =>
        [s.Action].flat().includes('states:StartExecution'),
      ),
    );
    expect(starters).toHaveLength(1);
    const adminRoleId = Stack.of(segments.admin).getLogicalId(
      segments.admin.role.node.defaultChild as any,
    );
    expect((starters[0] as any).Properties.Roles).toEqual([{ Ref: adminRoleId }]);
    roleWithPolicy(t, { Sid: 'CheckAlarmsBeforeResume', Action: 'cloudwatch:DescribeAlarms' });
    roleWithPolicy(t, {
      Sid: 'StartIncidentPlaybookWithMfa',
      Action: 'states:StartExecution',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
  });

  test('auto-containment starts suspected-exposure for the segment whose secret was read from outside', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', { ...props, autoContainment: true });
    const t = Template.fromStack(stack);
    const rule = Object.values(t.findResources('AWS::Events::Rule')).find((r: any) =>
      JSON.stringify(r.Properties.EventPattern).includes('aws.secretsmanager'),
    ) as any;
    const target = rule.Properties.Targets[0];
    expect(JSON.stringify(target.Arn)).toContain('Playbook');
    expect(target.InputTransformer.InputTemplate).toMatch(
      /"playbook":"suspected-exposure","scope":"automation"/,
    );
    // the events role is the one other principal allowed to start it
    roleWithPolicy(t, { Action: 'states:StartExecution', Effect: 'Allow' });
  });

  test('without opting in, the containment rule has no target', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    const rule = Object.values(t.findResources('AWS::Events::Rule')).find((r: any) =>
      JSON.stringify(r.Properties.EventPattern).includes('aws.secretsmanager'),
    ) as any;
    expect(rule.Properties.Targets).toBeUndefined();
  });

  test('the lock-out guard: the alarm going to ALARM invokes the guard, which may only turn the switch off', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', {
      ...props,
      compute: { ec2InstanceId: 'i-0123456789abcdef0' },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Lockout'), 'Arn'] }],
        detail: { state: { value: ['ALARM'] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('LockoutGuardFunction'), 'Arn'] },
        }),
      ],
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SWITCH_PARAMETER_NAME: '/brokerguard/paper/automation/enabled',
          EC2_INSTANCE_ID: 'i-0123456789abcdef0',
        }),
      },
    });
    roleWithPolicy(t, { Action: 'ec2:StopInstances' });
  });

  test('the switch is off at first deploy, accepts only true or false, and the stack outputs name it', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/brokerguard/paper/automation/enabled',
      Value: 'false',
      AllowedPattern: '^(true|false)$',
    });
    t.hasOutput('BrokerGuardAutomationSwitchParameter', {
      Value: '/brokerguard/paper/automation/enabled',
    });
    t.hasOutput('BrokerGuardIncidentStateMachineArn', {
      Value: { Ref: Match.stringLikeRegexp('Playbook') },
    });
  });

  test("the audit log group is the admin segment's, encrypted with its key", () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/brokerguard/paper/admin/incident-audit',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AdminKey'), 'Arn'] },
    });
  });

  test('the state machine may use the alert key, through SNS and for the alert topic only', () => {
    const { stack, props } = setup();
    new IncidentResponse(stack, 'Incident', props);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: {
              AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IncidentPlaybookRole'), 'Arn'] },
            },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: Match.objectLike({ 'kms:ViaService': Match.anyValue() }) },
          }),
        ]),
      },
    });
  });

  test('passes AwsSolutions and BrokerGuardChecks but for reasoned wildcard acknowledgements', () => {
    // GIVEN everything configured: Roles Anywhere, compute, auto-containment
    const { stack, props } = setup({ rolesAnywhere: true });
    const incident = new IncidentResponse(stack, 'Incident', {
      ...props,
      autoContainment: true,
      compute: {
        ecsService: { clusterName: 'c', serviceName: 's' },
        ec2InstanceId: 'i-0123456789abcdef0',
      },
    });
    // WHEN
    const findings = [new AwsSolutionsChecks(), new BrokerGuardChecks()].flatMap((pack) =>
      validateAfterSynth(pack, incident).violations.map((v) => v.ruleName),
    );
    // THEN
    expect(findings.sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::<IncidentPlaybookFunction[0-9A-F]+\.Arn>:\*\]$/,
      ),
    ]);
    // and exactly those are acknowledged, on the state machine and the guard, with reasons
    const acknowledged = [incident.stateMachine, incident.lockoutGuard!]
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    const ids = new Set(acknowledged.map(([id]) => id.replace(/^AwsSolutions::/, '')));
    expect([...ids].sort()).toEqual(findings.sort());
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });

  test('refuses auto-containment with nothing to start it', () => {
    const { stack, props } = setup();
    expect(
      () =>
        new IncidentResponse(stack, 'Incident', {
          ...props,
          foreignReadRules: {},
          autoContainment: true,
        }),
    ).toThrow(/autoContainment is true but no foreignReadRules were given/);
  });

  test('refuses a credential listed as both rotating and manual', () => {
    const { stack, props, session } = setup();
    expect(
      () =>
        new IncidentResponse(stack, 'Incident', {
          ...props,
          manualCredentials: [{ secret: session }],
        }),
    ).toThrow(/is listed twice; a credential is rotating or manual, not both/);
  });

  test("refuses another deployment's secret", () => {
    const { stack, props } = setup();
    const other = setup();
    expect(
      () =>
        new IncidentResponse(stack, 'Incident', {
          ...props,
          manualCredentials: [{ secret: other.login }],
        }),
    ).toThrow(/whose segment is not one of the segments given/);
  });
});
