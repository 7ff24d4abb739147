import { HOURS_PER_MONTH, PRICE_TABLE } from '../../lib/cost/prices';

describe('the price table', () => {
  test('says its region, its date and that free tiers are not applied', () => {
    expect(PRICE_TABLE.region).toBe('us-east-1');
    expect(PRICE_TABLE.asOf).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    expect(PRICE_TABLE.freeTier).toBe('not applied');
    expect(HOURS_PER_MONTH).toBe(730);
  });

  test.each(Object.entries(PRICE_TABLE.prices))(
    '%s has a positive price, a unit, and an AWS pricing page as its source',
    (_name, price) => {
      expect(price.usd).toBeGreaterThan(0);
      expect(price.unit.length).toBeGreaterThan(0);
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\//);
    },
  );

  test('ARM is cheaper than x86 for Fargate and Lambda, as AWS lists it', () => {
    const p = PRICE_TABLE.prices;
    expect(p.fargateVcpuArm.usd).toBeLessThan(p.fargateVcpuX86.usd);
    expect(p.fargateGbArm.usd).toBeLessThan(p.fargateGbX86.usd);
    expect(p.lambdaGbSecondArm.usd).toBeLessThan(p.lambdaGbSecondX86.usd);
  });
});
