import { runRules } from '../../../../lib/policy/check/run-rules';
import { TemplateModel } from '../../../../lib/policy/model/template-model';
import { judge } from '../../judge';
import { world } from '../../world';

const RULE = 'BG-IAM-7';

const statement = (Action: unknown, Resource: unknown = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('BG-IAM-7 NoWildcardServiceActions', () => {
  test('Compliance: exact actions, narrow wildcards, and a service wildcard on one resource', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push(
      statement(['kms:GenerateDataKey*', 's3:GetObject*']),
      statement('s3:*', 'arn:aws:s3:::reports-bucket/*'),
    );
    expect(judge(w, RULE)).toEqual([]);
  });

  test('Noncompliance: logs:* on * in a role of another tool, untagged', () => {
    const w = world();
    w.Other = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [] },
        Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [statement('logs:*')] } }],
      },
    };
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::logs:*] Other`]);
  });

  test('Noncompliance: * on * added to the approvals (human) role', () => {
    const w = world();
    w.ApprovalsRole.Properties.Policies[0].PolicyDocument.Statement.push(statement('*'));
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::*] ApprovalsRole`]);
  });

  test('Noncompliance: AWS managed AdministratorAccess and PowerUserAccess (NotAction)', () => {
    const w = world();
    w.ApprovalsRole.Properties.ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/PowerUserAccess',
    ];
    expect(judge(w, RULE)).toEqual([
      `${RULE}[Action::*] ApprovalsRole`,
      `${RULE}[NotAction] ApprovalsRole`,
    ]);
  });

  test('Noncompliance: an AWS managed full-access policy (CloudWatchLogsFullAccess) on any role', () => {
    const w = world();
    w.RotationRole.Properties.ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ];
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::logs:*] RotationRole`]);
  });

  test('Noncompliance: a managed policy of the template is judged once, on the role listing it', () => {
    const w = world();
    w.Wide = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: [statement('sqs:*')] } },
    };
    w.RotationRole.Properties.ManagedPolicyArns = [{ Ref: 'Wide' }];
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::sqs:*] RotationRole`]);
  });

  test('Noncompliance: a service wildcard on every ARN of the service (arn:...:*)', () => {
    const w = world();
    w.RotationRole.Properties.Policies[0].PolicyDocument.Statement.push(
      statement('dynamodb:*', 'arn:aws:dynamodb:*:*:*'),
    );
    expect(judge(w, RULE)).toEqual([`${RULE}[Action::dynamodb:*] RotationRole`]);
  });

  test('Compliance: a deliberate break-glass role acknowledged with a reason passes', () => {
    const w = world() as Record<
      string,
      { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }
    >;
    w.ApprovalsRole.Properties.ManagedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
    w.ApprovalsRole.Metadata = {
      cdk_nag: {
        rules_to_suppress: [
          {
            id: 'BrokerGuardChecks::BG-IAM-7[Action::*]',
            reason: 'break-glass role: MFA within 15 minutes, alarms on every AssumeRole',
          },
        ],
      },
    };
    // WHEN: `brokerguard check` reads the acknowledgement synth wrote into the metadata
    const found = runRules(TemplateModel.fromTemplate({ Resources: w }))
      .filter((f) => f.ruleId === RULE)
      .map((f) => [f.ruleName, f.acknowledged]);
    // THEN: listed with its reason, so it fails nothing
    expect(found).toEqual([
      [`${RULE}[Action::*]`, 'break-glass role: MFA within 15 minutes, alarms on every AssumeRole'],
    ]);
  });
});
