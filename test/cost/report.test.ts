import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyAssumeFlag, ASSUMPTION_NAMES, defaultAssumptions } from '../../lib/cost/assumptions';
import { estimateCost } from '../../lib/cost/estimate';
import { COST_SCHEMA, costJson, costText } from '../../lib/cost/report';
import { TemplateModel } from '../../lib/policy/model/template-model';

const model = TemplateModel.fromTemplate(
  JSON.parse(
    readFileSync(join(__dirname, '../fixtures/templates/cost/security.template.json'), 'utf8'),
  ),
  'security.template.json',
);
const assumptions = applyAssumeFlag(
  defaultAssumptions(),
  'kmsRequestsPerKey=0,secretApiCallsPerSecret=0',
);
const estimate = estimateCost([model], assumptions);

describe('cost report, JSON', () => {
  const report = JSON.parse(costJson(estimate, assumptions));

  test('has the documented top-level shape', () => {
    expect(Object.keys(report)).toEqual([
      'schema',
      'region',
      'currency',
      'pricesAsOf',
      'freeTier',
      'scenarios',
      'totalUsd',
      'segments',
      'resources',
      'uncounted',
      'assumptions',
      'prices',
    ]);
    expect(report.schema).toBe(COST_SCHEMA);
    expect(report.totalUsd).toEqual({ paused: 7.1, running: 7.1 });
    expect(Object.keys(report.scenarios)).toEqual(['paused', 'running']);
  });

  test('each resource carries its charges per scenario; the costliest comes first', () => {
    expect(report.resources[0]).toEqual({
      template: 'security.template.json',
      id: 'Dashboard',
      type: 'AWS::CloudWatch::Dashboard',
      segment: 'shared',
      status: 'priced',
      monthlyUsd: { paused: 3, running: 3 },
      charges: {
        paused: [
          {
            what: expect.stringMatching(/^dashboard/),
            quantity: 1,
            unit: 'dashboard-month',
            unitUsd: 3,
            usd: 3,
          },
        ],
        running: [expect.objectContaining({ usd: 3 })],
      },
    });
    expect(report.resources.at(-1).status).toBe('free');
    expect(report.resources.find((r: { id: string }) => r.id === 'Mystery')).toEqual(
      expect.objectContaining({
        status: 'not-priced',
        note: 'AWS::Foo::Bar is not in the price table',
      }),
    );
  });

  test('lists every assumption with its values and whether the user set it', () => {
    expect(report.assumptions.map((a: { name: string }) => a.name)).toEqual(ASSUMPTION_NAMES);
    expect(
      report.assumptions.find((a: { name: string }) => a.name === 'kmsRequestsPerKey'),
    ).toEqual(expect.objectContaining({ paused: 0, running: 0, overridden: true }));
    expect(
      report.assumptions.find((a: { name: string }) => a.name === 'natGbPerMonth').overridden,
    ).toBe(false);
  });
});

describe('cost report, text', () => {
  const text = costText(estimate, assumptions);

  test('prints the table date, each resource, segment totals and the total', () => {
    expect(text).toMatch(
      /^Monthly list-price estimate, us-east-1, prices as of \d{4}-\d{2}, USD; free tiers not applied\./,
    );
    expect(text).toMatch(/\n {2}Dashboard +AWS::CloudWatch::Dashboard +shared +3\.00 +3\.00\n/);
    expect(text).toMatch(
      /\n {2}Mystery +AWS::Foo::Bar +shared +- +- +NOT PRICED: AWS::Foo::Bar is not in the price table\n/,
    );
    expect(text).toMatch(/\n {2}Role +AWS::IAM::Role +shared +- +- +free: IAM has no charge\n/);
    expect(text).toMatch(/\nautomation +1\.80 +1\.80\n/);
    expect(text).toMatch(/\ntotal +\$7\.10 +\$7\.10\n/);
    expect(text).toMatch(/\nnot priced \(1\): Mystery \(AWS::Foo::Bar\)\n/);
  });

  test('prints the assumptions, marking the ones the user set', () => {
    expect(text).toMatch(
      /\n {2}kmsRequestsPerKey +0 +0 +requests\/month +\(set\) encrypt\/decrypt/,
    );
    expect(text).toMatch(/\n {2}natGbPerMonth +0 +5 +GB\/month +data through/);
  });
});
