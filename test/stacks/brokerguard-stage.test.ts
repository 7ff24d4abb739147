import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Aws, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerGuardError } from '../../lib/errors';
import { templateFiles } from '../../lib/policy/access/access-matrix';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { checkTemplate } from '../../lib/policy/check/check-templates';
import { BrokerGuardStage } from '../../lib/stacks/brokerguard-stage';

const PAPER = { account: '111111111111', region: 'us-east-1' };
const config = (name: string, tradingMode: 'paper' | 'live') => ({
  deployment: { name, tradingMode },
  credentials: [
    {
      name: 'ibkr-session',
      segment: 'automation',
      class: 'session-token',
      rotation: { type: 'ibkr-oauth', everyHours: 12 },
    },
  ],
  alerts: { email: ['trader@example.com'] },
});

function appWithPacks(): App {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new BrokerGuardChecks(app));
  return app;
}

/** Synthesizes; returns the validation report even when a finding fails the synth. */
function synthReport(app: App): { directory: string; report: any } {
  let directory: string;
  try {
    directory = app.synth().directory;
  } catch (err) {
    const m = /found in: (\S+)validation-report\.json/.exec((err as Error).message);
    if (!m) throw err;
    directory = m[1];
  }
  const report = JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8'));
  return { directory, report };
}

describe('BrokerGuardStage', () => {
  test('one deployment in its account: the packs pass it and check reads its nested template', () => {
    // GIVEN an app with the policy packs and a paper stage
    const app = appWithPacks();
    const stage = new BrokerGuardStage(app, 'Paper', {
      env: PAPER,
      config: config('paper', 'paper'),
    });
    // WHEN
    const { directory, report } = synthReport(app);
    // THEN the stack is the deployment's, in the stage's account and region
    expect(stage.stack.stackName).toBe('brokerguard-paper');
    expect(stage.stack.account).toBe(PAPER.account);
    expect(stage.stack.region).toBe(PAPER.region);
    expect(stage.tradingMode).toBe('paper');
    expect(report.pluginReports.flatMap((p: any) => p.violations)).toEqual([]);
    // and `brokerguard check <cdk.out>` finds the stage's template in assembly-Paper/, with
    // the acknowledgements synth accepted written into it: no unacknowledged error
    const files = templateFiles(directory);
    expect(files).toEqual([
      expect.stringMatching(/assembly-Paper\/PaperBrokerGuard[0-9A-F]+\.template\.json$/),
    ]);
    const checked = checkTemplate(files[0]);
    expect(checked.findings.filter((f) => f.level === 'error' && !f.acknowledged)).toEqual([]);
    expect(
      checked.findings.some((f) => f.ruleName === 'BG-ROT-1[NoRotation]' && f.acknowledged),
    ).toBe(true);
  });

  test('a violation inside a stage is reported by the app plugins, at its construct path', () => {
    // GIVEN a secret of the user's own with no segment tag and no rotation, inside the stage
    const app = appWithPacks();
    const stage = new BrokerGuardStage(app, 'Paper', {
      env: PAPER,
      config: config('paper', 'paper'),
    });
    new secretsmanager.Secret(stage.stack, 'Stray');
    // WHEN
    const { report } = synthReport(app);
    // THEN both packs name it
    const violations = report.pluginReports.flatMap((p: any) =>
      p.violations.map((v: any) => ({
        plugin: p.pluginName,
        rule: v.ruleName,
        paths: v.violatingConstructs.map((c: any) => c.constructPath),
      })),
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          plugin: 'AwsSolutions',
          rule: 'AwsSolutions-SMG4',
          paths: ['Paper/BrokerGuard/Stray/Resource'],
        }),
        expect.objectContaining({
          plugin: 'BrokerGuardChecks',
          paths: ['Paper/BrokerGuard/Stray/Resource'],
        }),
      ]),
    );
  });

  test('env is required and must be concrete', () => {
    const app = new App();
    expect(() => new BrokerGuardStage(app, 'NoEnv', {})).toThrow(BrokerGuardError);
    expect(() => new BrokerGuardStage(app, 'NoEnv', {})).toThrow(
      /BrokerGuardStage NoEnv: env.account must be a 12-digit account id, got undefined/,
    );
    expect(
      () =>
        new BrokerGuardStage(app, 'Token', {
          env: { account: Aws.ACCOUNT_ID, region: 'us-east-1' },
        }),
    ).toThrow(/env.account must be a 12-digit account id/);
    expect(
      () =>
        new BrokerGuardStage(app, 'Region', { env: { account: '111111111111', region: 'mars' } }),
    ).toThrow(/env.region must be a region name such as us-east-1, got "mars"/);
  });

  test('a bad configuration throws before anything is built', () => {
    expect(
      () =>
        new BrokerGuardStage(new App(), 'Paper', {
          env: PAPER,
          config: { deployment: { name: 'Paper!' } },
        }),
    ).toThrow(BrokerGuardError);
  });

  test('paper and live may not share an account; one name may not deploy twice to one place', () => {
    const app = new App();
    new BrokerGuardStage(app, 'Paper', { env: PAPER, config: config('paper', 'paper') });
    expect(
      () => new BrokerGuardStage(app, 'Live', { env: PAPER, config: config('live', 'live') }),
    ).toThrow(
      /BrokerGuardStage Live: live deployment "live" targets account 111111111111, which stage Paper uses for paper deployment "paper"; paper and live take separate accounts/,
    );
    expect(
      () => new BrokerGuardStage(app, 'Again', { env: PAPER, config: config('paper', 'paper') }),
    ).toThrow(/deployment "paper" is already deployed to 111111111111\/us-east-1 by stage Paper/);
    // A second paper deployment under its own name, and live elsewhere, are fine.
    new BrokerGuardStage(app, 'Paper2', { env: PAPER, config: config('paper-two', 'paper') });
    const live = new BrokerGuardStage(app, 'Live2', {
      env: { account: '222222222222', region: 'us-east-1' },
      config: config('live', 'live'),
    });
    expect(live.stack.account).toBe('222222222222');
  });
});
