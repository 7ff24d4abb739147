import * as iam from 'aws-cdk-lib/aws-iam';
import { CREDENTIALS, monitoringStack, rulesByName } from './monitoring-fixture';

describe('AwsDetections: EventBridge rules on CloudTrail management events', () => {
  const fixture = monitoringStack({
    credentials: [
      ...CREDENTIALS,
      { name: 'break-glass', segment: 'admin', class: 'password', rotation: { type: 'manual' } },
    ],
  });
  const t = fixture.template();
  const rules = rulesByName(t);
  const { stack, segments, monitoring } = fixture;
  const id = (c: any) => stack.getLogicalId(c.node.defaultChild);

  test('one foreign-read rule per segment that holds a credential', () => {
    expect(Object.keys(monitoring.foreignReadRules)).toEqual(['automation', 'admin']);
    expect(Object.keys(rules).filter((n) => n.includes('foreign-read'))).toEqual([
      'brokerguard-paper-foreign-read-automation',
      'brokerguard-paper-foreign-read-admin',
    ]);
  });

  test('foreign read: GetSecretValue of the segment secrets by a principal outside it, read-only events on', () => {
    const rule = rules['brokerguard-paper-foreign-read-automation'];
    expect(rule.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    const p = rule.EventPattern;
    expect(p.source).toEqual(['aws.secretsmanager']);
    expect(p['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(p.detail.eventName).toEqual(['GetSecretValue']);
    expect(p.detail.requestParameters.secretId).toEqual([
      { prefix: 'paper/automation/' },
      { wildcard: 'arn:*:secretsmanager:*:*:secret:paper/automation/*' },
    ]);
    const [byRole, notRole] = p.detail.$or;
    expect(byRole.userIdentity.sessionContext.sessionIssuer.arn[0]['anything-but']).toContainEqual({
      'Fn::GetAtt': [id(segments.automation.role), 'Arn'],
    });
    expect(notRole.userIdentity.type).toEqual([{ 'anything-but': ['AssumedRole', 'AWSService'] }]);
  });

  test('foreign read exempts the segment members, even those added after the rule', () => {
    // GIVEN a member that joins after monitoring was built
    const f = monitoringStack({ credentials: CREDENTIALS });
    const late = new iam.Role(f.stack, 'LateMember', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    f.segments.automation.addMember(late, 'test: a playbook function');
    // THEN
    const rule = rulesByName(f.template())['brokerguard-paper-foreign-read-automation'];
    const exempt =
      rule.EventPattern.detail.$or[0].userIdentity.sessionContext.sessionIssuer.arn[0][
        'anything-but'
      ];
    expect(exempt).toContainEqual({
      'Fn::GetAtt': [f.stack.getLogicalId(late.node.defaultChild as iam.CfnRole), 'Arn'],
    });
  });

  test.each([
    [
      'rotation-failed',
      'aws.secretsmanager',
      'AWS Service Event via CloudTrail',
      ['RotationFailed', 'RotationAbandoned'],
    ],
    [
      'rotation-changed',
      'aws.secretsmanager',
      'AWS API Call via CloudTrail',
      ['CancelRotateSecret', 'RotateSecret'],
    ],
    [
      'secret-policy-changed',
      'aws.secretsmanager',
      'AWS API Call via CloudTrail',
      ['PutResourcePolicy', 'DeleteResourcePolicy'],
    ],
    [
      'key-disabled',
      'aws.kms',
      'AWS API Call via CloudTrail',
      ['DisableKey', 'ScheduleKeyDeletion'],
    ],
    ['console-signin-failed', 'aws.signin', 'AWS Console Sign In via CloudTrail', ['ConsoleLogin']],
    ['console-signin-no-mfa', 'aws.signin', 'AWS Console Sign In via CloudTrail', ['ConsoleLogin']],
  ])(
    '%s: source %s, detail-type %s, events %j, published to the alert topic',
    (key, source, detailType, names) => {
      const rule = rules[`brokerguard-paper-${key}`];
      expect(rule.State).toBe('ENABLED');
      expect(rule.EventPattern.source).toEqual([source]);
      expect(rule.EventPattern['detail-type']).toEqual([detailType]);
      expect(rule.EventPattern.detail.eventName).toEqual(names);
      expect(rule.Targets).toHaveLength(1);
      expect(rule.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
      expect(rule.Targets[0].InputTransformer.InputTemplate).toMatch(
        /BrokerGuard \[paper\] .*Runbook: docs\/runbooks\.md#runbook-/s,
      );
    },
  );

  test('secret rules match only this deployment, by name or ARN', () => {
    for (const key of ['rotation-changed', 'secret-policy-changed']) {
      expect(
        rules[`brokerguard-paper-${key}`].EventPattern.detail.requestParameters.secretId,
      ).toEqual([{ prefix: 'paper/' }, { wildcard: 'arn:*:secretsmanager:*:*:secret:paper/*' }]);
    }
  });

  test('role-policy-changed: IAM changes to the four segment roles', () => {
    const p = rules['brokerguard-paper-role-policy-changed'].EventPattern;
    expect(p.source).toEqual(['aws.iam']);
    expect(p.detail.eventName).toEqual(
      expect.arrayContaining([
        'PutRolePolicy',
        'AttachRolePolicy',
        'UpdateAssumeRolePolicy',
        'DeleteRolePermissionsBoundary',
      ]),
    );
    expect(p.detail.requestParameters.roleName).toEqual(
      (['automation', 'execution', 'approvals', 'admin'] as const).map((s) => ({
        Ref: id(segments[s].role),
      })),
    );
  });

  test('key-disabled names the four segment keys by ARN or id', () => {
    const p = rules['brokerguard-paper-key-disabled'].EventPattern;
    expect(p.detail.$or[0].resources.ARN).toHaveLength(4);
    expect(p.detail.$or[1].requestParameters.keyId).toHaveLength(8);
  });

  test('console sign-in: failures, and successes without MFA by an IAM user or root', () => {
    expect(
      rules['brokerguard-paper-console-signin-failed'].EventPattern.detail.responseElements,
    ).toEqual({ ConsoleLogin: ['Failure'] });
    const d = rules['brokerguard-paper-console-signin-no-mfa'].EventPattern.detail;
    expect(d).toMatchObject({
      responseElements: { ConsoleLogin: ['Success'] },
      additionalEventData: { MFAUsed: [{ 'anything-but': 'Yes' }] },
      userIdentity: { type: ['IAMUser', 'Root'] },
    });
  });

  test('root activity: API calls and sign-ins by root that no service made for it', () => {
    const p = rules['brokerguard-paper-root-activity'].EventPattern;
    expect(p['detail-type']).toEqual([
      'AWS API Call via CloudTrail',
      'AWS Console Sign In via CloudTrail',
    ]);
    expect(p.detail.userIdentity).toEqual({ type: ['Root'], invokedBy: [{ exists: false }] });
  });

  test('every detection publishes its alert text to the alert topic and nothing else', () => {
    expect(Object.keys(rules)).toHaveLength(10); // 2 foreign-read + 8 account-wide
    for (const [name, rule] of Object.entries<any>(rules)) {
      expect([name, rule.Targets.length]).toEqual([name, 1]);
      expect(rule.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
      // one quoted line per field, so a phone shows the alarm's layout
      const lines = rule.Targets[0].InputTransformer.InputTemplate.split('\n');
      expect(lines.map((l: string) => JSON.parse(l).split(':')[0])).toEqual([
        expect.stringMatching(/^BrokerGuard \[paper\] /),
        'Segment',
        'Detail',
        'First step',
        'Runbook',
      ]);
    }
  });

  test('the alert text names what happened, to what, by whom and when', () => {
    const input = rules['brokerguard-paper-foreign-read-automation'].Targets[0].InputTransformer;
    expect(input.InputPathsMap).toEqual({
      'detail-eventName': '$.detail.eventName',
      'detail-requestParameters-secretId': '$.detail.requestParameters.secretId',
      'detail-userIdentity-arn': '$.detail.userIdentity.arn',
      time: '$.time',
    });
    expect(input.InputTemplate).toContain('Segment: automation | Category: credential');
    expect(input.InputTemplate).toContain(
      'Detail: <detail-eventName> of <detail-requestParameters-secretId> by <detail-userIdentity-arn> at <time>',
    );
    const failed = rules['brokerguard-paper-rotation-failed'].Targets[0].InputTransformer;
    expect(failed.InputPathsMap['detail-additionalEventData-SecretId']).toBe(
      '$.detail.additionalEventData.SecretId',
    );
    const root = rules['brokerguard-paper-root-activity'].Targets[0].InputTransformer;
    expect(root.InputTemplate).toContain('from <detail-sourceIPAddress>');
  });
});
