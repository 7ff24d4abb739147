import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { applyAssumeFlag, defaultAssumptions } from '../../lib/cost/assumptions';
import { estimateCost } from '../../lib/cost/estimate';
import { TemplateModel } from '../../lib/policy/model/template-model';
import { createDefaultApp } from '../../lib/stacks/default-app';

const FIXTURES = join(__dirname, '../fixtures/templates/cost');
const fixture = (name: string) =>
  TemplateModel.fromTemplate(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')), name);
const assume = (text: string) => applyAssumeFlag(defaultAssumptions(), text);

describe('estimateCost', () => {
  test('2 keys, 3 secrets, 4 alarms and a dashboard: $7.10 a month without API calls', () => {
    // GIVEN keys $1 each; secrets $0.40 each; alarm metrics 1 + 1 high-res + 2 + 3 (anomaly)
    const e = estimateCost(
      [fixture('security.template.json')],
      assume('kmsRequestsPerKey=0,secretApiCallsPerSecret=0'),
    );
    // THEN
    const expected = 2 * 1 + 3 * 0.4 + (0.1 + 0.3 + 0.2 + 0.3) + 3;
    expect(e.totalUsd.paused).toBeCloseTo(expected, 9);
    expect(e.totalUsd.running).toBeCloseTo(expected, 9);
    expect(e.segments).toEqual([
      {
        segment: 'approvals',
        monthlyUsd: { paused: expect.closeTo(1.4, 9), running: expect.closeTo(1.4, 9) },
      },
      {
        segment: 'automation',
        monthlyUsd: { paused: expect.closeTo(1.8, 9), running: expect.closeTo(1.8, 9) },
      },
      {
        segment: 'shared',
        monthlyUsd: { paused: expect.closeTo(3.9, 9), running: expect.closeTo(3.9, 9) },
      },
    ]);
  });

  test('the same template with default volumes: API calls differ by scenario', () => {
    const e = estimateCost([fixture('security.template.json')], defaultAssumptions());
    // paused: 1,000 KMS requests per key, 100 calls per secret; running: 20,000 and 10,000
    expect(e.totalUsd.paused).toBeCloseTo(7.1 + 2 * 0.003 + 3 * 0.0005, 9);
    expect(e.totalUsd.running).toBeCloseTo(7.1 + 2 * 0.06 + 3 * 0.05, 9);
  });

  test('unknown types are lines marked not priced, free types are lines at $0', () => {
    const e = estimateCost([fixture('security.template.json')], defaultAssumptions());
    expect(e.lines).toHaveLength(12);
    expect(e.lines.find((l) => l.id === 'Mystery')).toEqual(
      expect.objectContaining({ status: 'not-priced', monthlyUsd: { paused: 0, running: 0 } }),
    );
    expect(e.lines.find((l) => l.id === 'Role')).toEqual(
      expect.objectContaining({ status: 'free', segment: 'shared' }),
    );
  });

  test('a key older than its rotation period costs a dollar more', () => {
    const e = estimateCost(
      [fixture('security.template.json')],
      assume('kmsRequestsPerKey=0,secretApiCallsPerSecret=0,keyAgeMonths=13'),
    );
    expect(e.totalUsd.paused).toBeCloseTo(8.1, 9);
  });

  test('a paused gateway pays for its NAT gateway, Elastic IP and endpoint; running adds the task', () => {
    const e = estimateCost([fixture('gateway.template.json')], assume('appLogMbPerMonth=0'));
    const nat = 730 * 0.045;
    const eip = 730 * 0.005;
    const endpoint = 2 * 730 * 0.01;
    expect(e.totalUsd.paused).toBeCloseTo(nat + eip + endpoint, 9);
    // one ARM64 task of 0.5 vCPU and 1 GB with a public IPv4, 730 h; 5 GB via NAT, 1 GB via the endpoint
    const task = 730 * (0.5 * 0.03238 + 1 * 0.00356 + 0.005);
    expect(e.totalUsd.running).toBeCloseTo(nat + eip + endpoint + task + 5 * 0.045 + 1 * 0.01, 9);
    expect(e.segments.find((s) => s.segment === 'automation')!.monthlyUsd.running).toBeCloseTo(
      task,
      9,
    );
  });

  test('running at trading hours only: --assume gatewayHoursPerMonth=152', () => {
    const all = estimateCost([fixture('gateway.template.json')], assume('appLogMbPerMonth=0'));
    const trading = estimateCost(
      [fixture('gateway.template.json')],
      assume('appLogMbPerMonth=0,gatewayHoursPerMonth=152'),
    );
    expect(all.totalUsd.running - trading.totalUsd.running).toBeCloseTo(
      (730 - 152) * (0.5 * 0.03238 + 0.00356 + 0.005),
      9,
    );
    expect(trading.totalUsd.paused).toBeCloseTo(all.totalUsd.paused, 9);
  });

  test('several templates add up', () => {
    const a = [fixture('security.template.json')];
    const b = [fixture('gateway.template.json')];
    const both = estimateCost([...a, ...b], defaultAssumptions());
    expect(both.totalUsd.running).toBeCloseTo(
      estimateCost(a, defaultAssumptions()).totalUsd.running +
        estimateCost(b, defaultAssumptions()).totalUsd.running,
      9,
    );
    expect(new Set(both.lines.map((l) => l.template))).toEqual(
      new Set(['security.template.json', 'gateway.template.json']),
    );
  });
});

describe('the default deployment', () => {
  // GIVEN the kit's default app, synthesized from cdk.json's embedded configuration
  const context = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8')).context;
  const { stack } = createDefaultApp({ context, builtinCloudFormationValidation: false });
  const model = TemplateModel.fromTemplate(Template.fromStack(stack).toJSON(), 'default');
  const e = estimateCost([model], defaultAssumptions());

  test('every resource is priced or known to be free', () => {
    expect(e.lines.filter((l) => l.status === 'not-priced')).toEqual([]);
    expect(e.lines.length).toBe(model.resources.size);
    expect(e.uncounted).toEqual([]);
  });

  test('its keys and secrets are priced at their list prices, and totals add up', () => {
    const byType = (type: string) => e.lines.filter((l) => l.type === type);
    expect(byType('AWS::KMS::Key').map((l) => l.monthlyUsd.paused)).toEqual(
      byType('AWS::KMS::Key').map(() => expect.closeTo(1.003, 9)),
    );
    // The dashboard is opt-in (monitoring.dashboard); the fixture above prices one at $3.
    expect(byType('AWS::CloudWatch::Dashboard')).toEqual([]);
    expect(byType('AWS::SecretsManager::Secret').map((l) => l.monthlyUsd.paused)).toEqual(
      byType('AWS::SecretsManager::Secret').map(() => expect.closeTo(0.4, 2)),
    );
    const sum = e.lines.reduce((t, l) => t + l.monthlyUsd.paused, 0);
    expect(e.totalUsd.paused).toBeCloseTo(sum, 9);
    expect(e.segments.reduce((t, s) => t + s.monthlyUsd.paused, 0)).toBeCloseTo(sum, 9);
    expect(e.totalUsd.running).toBeGreaterThan(e.totalUsd.paused);
  });

  test('the classifier is invoked each minute by its clock and once per 4 KB of gateway log', () => {
    const classifier = e.lines.find(
      (l) => l.type === 'AWS::Lambda::Function' && /Classifier/.test(l.id),
    )!;
    const requests = (s: 'paused' | 'running') =>
      classifier.charges[s].find((c) => c.what === 'invocations')!.quantity;
    expect(requests('paused')).toBeCloseTo(43_800 + 1024 / 4, 6);
    expect(requests('running')).toBeCloseTo(43_800 + (300 * 1024) / 4, 6);
  });
});
