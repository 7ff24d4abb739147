import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardHook, HookFailureMode } from '../../lib/organization/guard-hook';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { testStack } from '../helpers/stack';
import { validateAfterSynth } from '../helpers/validate';

describe('BrokerGuardHook', () => {
  test('a Guard hook on every stack operation, WARN first, reading the generated rules asset', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const hook = new BrokerGuardHook(stack, 'Hook');
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudFormation::GuardHook', {
      Alias: 'Private::BrokerGuard::Checks',
      FailureMode: 'WARN',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
      ExecutionRole: {
        'Fn::GetAtt': [stack.getLogicalId(hook.executionRole.node.defaultChild as any), 'Arn'],
      },
      RuleLocation: { Uri: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'hooks.cloudformation.amazonaws.com' } }),
        ],
      },
    });
    const uri = JSON.stringify(
      Object.values(t.findResources('AWS::CloudFormation::GuardHook'))[0].Properties.RuleLocation
        .Uri,
    );
    expect(uri).toMatch(
      /^\{"Fn::Sub":"s3:\/\/cdk-[a-z0-9]+-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}\/[0-9a-f]{64}\.guard"\}$/,
    );
    expect(hook.rules.assetPath).toMatch(/\.guard$/);
  });

  test('FAIL mode, a log bucket and excluded stacks are passed through', () => {
    const stack = testStack();
    const logBucket = s3.Bucket.fromBucketName(stack, 'Logs', 'guard-findings');
    new BrokerGuardHook(stack, 'Hook', {
      failureMode: HookFailureMode.FAIL,
      logBucket,
      excludeStackNames: ['CDKToolkit'],
      enabled: false,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::GuardHook', {
      FailureMode: 'FAIL',
      HookStatus: 'DISABLED',
      LogBucket: 'guard-findings',
      StackFilters: { FilteringCriteria: 'ALL', StackNames: { Exclude: ['CDKToolkit'] } },
    });
  });

  test('a bad alias or stack name is refused with the value and what is allowed', () => {
    const stack = testStack();
    expect(() => new BrokerGuardHook(stack, 'A', { alias: 'AWS::Guard::Mine' })).toThrow(
      /alias must have the form Name1::Name2::Name3 .* got "AWS::Guard::Mine"/,
    );
    expect(() => new BrokerGuardHook(stack, 'B', { alias: 'just-a-name' })).toThrow(
      /got "just-a-name"/,
    );
    expect(() => new BrokerGuardHook(stack, 'C', { excludeStackNames: ['has space'] })).toThrow(
      /excludeStackNames entries must be CloudFormation stack names .* got "has space"/,
    );
  });

  test('passes AwsSolutions and BrokerGuardChecks with reasoned acknowledgements only', () => {
    const stack = testStack();
    const hook = new BrokerGuardHook(stack, 'Hook');
    const findings = [new AwsSolutionsChecks(), new BrokerGuardChecks()].flatMap((pack) =>
      validateAfterSynth(pack, hook).violations.map((v) => v.ruleName),
    );
    expect(findings.sort()).toEqual(
      [
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      ].sort(),
    );
  });

  test.each([
    [
      'an env-agnostic stack with its own bootstrap qualifier',
      { synthesizer: new DefaultStackSynthesizer({ qualifier: 'trading1' }) },
    ],
    [
      'a stack in a named account and region (a Stage)',
      { env: { account: '111111111111', region: 'eu-west-1' } },
    ],
  ])('the assets-bucket acknowledgement names the bucket of %s', (_, props) => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Hooked', props);
    new BrokerGuardHook(stack, 'Hook');
    // Under jest an unacknowledged finding makes synth throw; the report lists none.
    const assembly = app.synth();
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
  });
});
