import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardChecks } from 'brokerguard';
import { MyTradingStack } from '../../examples/own-stack';

function synth() {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
  const stack = new MyTradingStack(app, 'MyTradingBot');
  const assembly = app.synth();
  const report = JSON.parse(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
  );
  return {
    stack,
    report,
    template: Template.fromJSON(assembly.getStackByName(stack.stackName).template),
  };
}

describe('examples/own-stack.ts: typed props in a stack of your own', () => {
  const { report, template } = synth();

  test('synthesizes with AwsSolutions and BrokerGuardChecks and zero violations', () => {
    expect(report.pluginReports.map((p: any) => p.pluginName).sort()).toEqual(
      expect.arrayContaining(['AwsSolutions', 'BrokerGuardChecks']),
    );
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
  });

  test('the session token rotates every 8 hours and the server segment is watched', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(8 hours)' },
    });
    for (const key of [
      'failed-login-burst',
      'second-factor',
      'new-device',
      'entitlement',
      'competing-session',
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `mybot-automation-${key}`,
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'mybot-automation-failed-login-burst',
      Threshold: 2,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'mybot-automation-ibkr-session-rotation-overdue',
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'brokerguard-mybot-foreign-read-automation',
    });
  });

  test('imports nothing of the kit but its entry points', () => {
    const source = readFileSync(join(__dirname, '../../examples/own-stack.ts'), 'utf8');
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => s.startsWith('.') || s.startsWith('brokerguard/'))).toEqual([]);
  });
});
