import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { parseConfig } from '../../lib/config/parse';
import { segmentsFromConfig } from '../../lib/stacks/segments-from-config';
import { resourcesOf, template, testStack } from '../helpers/stack';

function setup(subscriptions: ConstructorParameters<typeof AlertChannel>[2]['subscriptions']) {
  const stack = testStack();
  const config = parseConfig({ alerts: { email: ['a@example.com'] } });
  const segments = segmentsFromConfig(stack, config);
  const channel = new AlertChannel(stack, 'Alerts', { segment: segments.approvals, subscriptions });
  return { stack, segments, channel };
}

function keyPolicyStatements(stack: ReturnType<typeof testStack>, keyId: string) {
  return template(stack).toJSON().Resources[keyId].Properties.KeyPolicy.Statement as any[];
}

describe('AlertChannel', () => {
  test('the topic is encrypted with the approvals key and refuses plain HTTP', () => {
    // GIVEN / WHEN
    const { stack, segments } = setup({ email: ['a@example.com'] });
    // THEN
    const t = template(stack);
    const keyId = stack.getLogicalId(segments.approvals.key.node.defaultChild as any);
    t.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'brokerguard-paper-alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Principal: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('subscribes e-mail, SMS and HTTPS endpoints', () => {
    const { stack } = setup({
      email: ['a@example.com'],
      sms: ['+15551234567'],
      https: ['https://chat.example.com/hook'],
    });
    const subs = resourcesOf(template(stack), 'AWS::SNS::Subscription').map(([, r]) => [
      r.Properties.Protocol,
      r.Properties.Endpoint,
    ]);
    expect(subs).toEqual([
      ['email', 'a@example.com'],
      ['sms', '+15551234567'],
      ['https', 'https://chat.example.com/hook'],
    ]);
  });

  test('CloudWatch may use the key only for this topic and alarms of this deployment', () => {
    // GIVEN / WHEN
    const { stack, segments } = setup({ email: ['a@example.com'] });
    // THEN
    const keyId = stack.getLogicalId(segments.approvals.key.node.defaultChild as any);
    const statements = keyPolicyStatements(stack, keyId);
    const cw = statements.find((s) => s.Sid === 'CloudWatchAlarmsPublishToAlertTopic');
    expect(cw.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(cw.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(Object.keys(cw.Condition.StringEquals)).toEqual([
      'aws:SourceAccount',
      'kms:EncryptionContext:aws:sns:topicArn',
    ]);
    expect(JSON.stringify(cw.Condition.ArnLike['aws:SourceArn'])).toContain(':alarm:paper-*');
    const eb = statements.find((s) => s.Sid === 'EventBridgePublishesToAlertTopic');
    expect(eb.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(Object.keys(eb.Condition)).toEqual(['StringEquals']);
    expect(
      JSON.stringify(eb.Condition.StringEquals['kms:EncryptionContext:aws:sns:topicArn']),
    ).toContain(':brokerguard-paper-alerts');
  });

  test('the topic policy admits only alarms and rules of this deployment and account', () => {
    const { stack } = setup({ email: ['a@example.com'] });
    const [[, policy]] = resourcesOf(template(stack), 'AWS::SNS::TopicPolicy');
    const bySid = Object.fromEntries(
      policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]),
    );
    expect(JSON.stringify(bySid.AlarmsOfThisDeployment.Condition)).toMatch(
      /aws:SourceAccount.*:alarm:paper-\*/,
    );
    expect(JSON.stringify(bySid.DetectionRulesOfThisDeployment.Condition)).toMatch(
      /aws:SourceAccount.*:rule\/brokerguard-paper-\*/,
    );
  });

  test('grantPublish lets a role publish and use the key only through SNS for this topic', () => {
    // GIVEN
    const { stack, segments, channel } = setup({ email: ['a@example.com'] });
    const role = new iam.Role(stack, 'Playbook', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    // WHEN
    channel.grantPublish(role);
    // THEN
    const keyId = stack.getLogicalId(segments.approvals.key.node.defaultChild as any);
    const grant = keyPolicyStatements(stack, keyId).find((s) =>
      JSON.stringify(s.Principal).includes('Playbook'),
    );
    expect(grant.Condition.StringEquals).toHaveProperty('kms:ViaService');
    expect(grant.Condition.StringEquals).toHaveProperty('kms:EncryptionContext:aws:sns:topicArn');
    // and the role's own policy holds the same conditions: no plain kms:Decrypt on the key,
    // which the key policy's through-Secrets-Manager statement would turn into a secret read
    const policies = Object.values(template(stack).findResources('AWS::IAM::Policy')) as any[];
    const statements = policies
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('Playbook'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const kms = statements.filter((st) =>
      [].concat(st.Action).some((a: string) => a.startsWith('kms:')),
    );
    expect(kms).toHaveLength(1);
    expect(kms[0].Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(kms[0].Condition).toEqual({
      StringEquals: {
        'kms:ViaService': { 'Fn::Join': ['', ['sns.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        'kms:EncryptionContext:aws:sns:topicArn':
          grant.Condition.StringEquals['kms:EncryptionContext:aws:sns:topicArn'],
      },
    });
    const publish = statements.find((st) => st.Action === 'sns:Publish');
    expect(publish.Resource).toEqual({
      Ref: stack.getLogicalId(channel.topic.node.defaultChild as any),
    });
  });

  test('format renders the one message with deployment and runbook base', () => {
    const { channel } = setup({ email: ['a@example.com'] });
    expect(
      channel.format({
        title: 'x happened',
        segment: 'admin',
        category: 'aws_account',
        firstStep: 'do y.',
        runbookAnchor: 'runbook-x',
      }),
    ).toBe(
      'BrokerGuard [paper] x happened\nSegment: admin | Category: aws_account\nFirst step: do y.\nRunbook: docs/runbooks.md#runbook-x',
    );
  });

  test('refuses a channel that reaches nobody, or a non-HTTPS webhook', () => {
    expect(() => setup({})).toThrow(
      /must name at least one e-mail, sms or https subscriber, got none/,
    );
    expect(() => setup({ https: ['http://chat.example.com'] })).toThrow(
      /https subscriber must be an https:\/\/ URL, got "http:\/\/chat.example.com"/,
    );
  });
});
