import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { CredentialClass } from '../../lib/contracts';
import { BrokerGuardConfigRules } from '../../lib/organization/config-rules';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { testStack } from '../helpers/stack';
import { validateAfterSynth } from '../helpers/validate';

function setup() {
  const stack = testStack();
  const segments = segmentsFromConfig(stack, parseConfig({ alerts: { email: ['t@example.com'] } }));
  const alerts = new AlertChannel(stack, 'Alerts', {
    segment: segments.approvals,
    subscriptions: { email: ['t@example.com'] },
  });
  return { stack, alerts };
}

describe('BrokerGuardConfigRules', () => {
  test('one rotation rule per credential class, each with its own maximum and tag scope', () => {
    // GIVEN / WHEN
    const { stack, alerts } = setup();
    new BrokerGuardConfigRules(stack, 'Runtime', { alerts });
    const t = Template.fromStack(stack);
    // THEN
    t.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'brokerguard-paper-session-token-rotation',
      Source: { Owner: 'AWS', SourceIdentifier: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK' },
      InputParameters: { maximumAllowedRotationFrequencyInHours: 24 },
      Scope: { TagKey: 'brokerguard:credential-class', TagValue: 'session-token' },
    });
    t.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'brokerguard-paper-api-key-rotation',
      InputParameters: { maximumAllowedRotationFrequencyInHours: 2160 },
      Scope: { TagKey: 'brokerguard:credential-class', TagValue: 'api-key' },
    });
    t.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'brokerguard-paper-api-key-rotated',
      Source: { SourceIdentifier: 'SECRETSMANAGER_SECRET_PERIODIC_ROTATION' },
      InputParameters: { maxDaysSinceRotation: 90 },
    });
    t.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'brokerguard-paper-key-rotation',
      Source: { SourceIdentifier: 'CMK_BACKING_KEY_ROTATION_ENABLED' },
      Scope: { TagKey: 'brokerguard:deployment', TagValue: 'paper' },
    });
    for (const id of [
      'SECRETSMANAGER_USING_CMK',
      'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      'IAM_ROOT_ACCESS_KEY_CHECK',
      'SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK',
    ]) {
      t.hasResourceProperties('AWS::Config::ConfigRule', {
        Source: Match.objectLike({ SourceIdentifier: id }),
      });
    }
  });

  test('the Guard twins become CUSTOM_POLICY rules with the generated policy text', () => {
    const { stack, alerts } = setup();
    new BrokerGuardConfigRules(stack, 'Runtime', { alerts });
    Template.fromStack(stack).hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'brokerguard-paper-guard-bg-net-1',
      Scope: { ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'] },
      Source: {
        Owner: 'CUSTOM_POLICY',
        SourceDetails: Match.arrayWith([
          Match.objectLike({ MessageType: 'ConfigurationItemChangeNotification' }),
        ]),
        CustomPolicyDetails: {
          PolicyRuntime: 'guard-2.x.x',
          PolicyText: Match.stringLikeRegexp('rule BG_NET_1_GatewayPortsNotPublic'),
        },
      },
    });
  });

  test('NON_COMPLIANT results of its rules go to the alert channel through one named rule', () => {
    const { stack, alerts } = setup();
    const runtime = new BrokerGuardConfigRules(stack, 'Runtime', { alerts });
    const t = Template.fromStack(stack);
    const rule = Object.values(t.findResources('AWS::Events::Rule')).find(
      (r: any) => r.Properties.Name === 'brokerguard-paper-config-noncompliant',
    ) as any;
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.config'],
      'detail-type': ['Config Rules Compliance Change'],
      detail: {
        configRuleName: expect.arrayContaining(['brokerguard-paper-session-token-rotation']),
        newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
      },
    });
    expect(rule.Properties.EventPattern.detail.configRuleName).toHaveLength(
      Object.keys(runtime.rules).length,
    );
    const target = rule.Properties.Targets[0];
    expect(target.Arn).toEqual({ Ref: stack.getLogicalId(alerts.topic.node.defaultChild as any) });
    expect(JSON.stringify(target.InputTransformer)).toContain('runbook-config-noncompliant');
    expect(target.InputTransformer.InputPathsMap).toMatchObject({
      'detail-configRuleName': '$.detail.configRuleName',
      'detail-resourceId': '$.detail.resourceId',
    });
  });

  test('makes no configuration recorder unless asked, and a narrow one when asked', () => {
    const a = setup();
    new BrokerGuardConfigRules(a.stack, 'Runtime', { alerts: a.alerts });
    Template.fromStack(a.stack).resourceCountIs('AWS::Config::ConfigurationRecorder', 0);

    const b = setup();
    new BrokerGuardConfigRules(b.stack, 'Runtime', { alerts: b.alerts, createRecorder: true });
    const t = Template.fromStack(b.stack);
    t.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: {
        AllSupported: false,
        ResourceTypes: Match.arrayWith(['AWS::SecretsManager::Secret', 'AWS::KMS::Key']),
      },
    });
    t.resourceCountIs('AWS::Config::DeliveryChannel', 1);
  });

  test('only classes with a rotation maximum may be checked', () => {
    const { stack, alerts } = setup();
    new BrokerGuardConfigRules(stack, 'SessionOnly', {
      alerts,
      credentialClasses: [CredentialClass.SESSION_TOKEN],
    });
    const names = Object.values(
      Template.fromStack(stack).findResources('AWS::Config::ConfigRule'),
    ).map((r: any) => r.Properties.ConfigRuleName);
    expect(names).not.toContain('brokerguard-paper-api-key-rotation');
    expect(
      () =>
        new BrokerGuardConfigRules(stack, 'Bad', {
          alerts,
          credentialClasses: [CredentialClass.PASSWORD],
        }),
    ).toThrow(
      /credentialClasses may only name classes with a rotation maximum \(session-token, api-key\), got "password"/,
    );
  });

  test('passes AwsSolutions and BrokerGuardChecks, recorder included, with reasoned acknowledgements only', () => {
    const { stack, alerts } = setup();
    const runtime = new BrokerGuardConfigRules(stack, 'Runtime', { alerts, createRecorder: true });
    const findings = [new AwsSolutionsChecks(), new BrokerGuardChecks()].flatMap((pack) =>
      validateAfterSynth(pack, runtime).violations.map((v) => v.ruleName),
    );
    expect(findings.sort()).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AwsSolutions-S1',
    ]);
  });
});
