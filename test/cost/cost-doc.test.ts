import { ASSUMPTION_NAMES } from '../../lib/cost/assumptions';
import { costAssumptionTableMarkdown, costPriceTableMarkdown } from '../../lib/cost/cost-doc';
import { PRICE_TABLE } from '../../lib/cost/prices';

describe('cost tables for docs/cost.md', () => {
  test('the price table has a row per price, small prices per million, with their source', () => {
    const md = costPriceTableMarkdown();
    expect(md).toMatch(
      /^Region us-east-1, USD, prices as of \d{4}-\d{2}, free tiers not applied\./,
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(Object.keys(PRICE_TABLE.prices).length);
    expect(md).toContain(
      '| `kmsKey` | $1.00 | key-month | [/kms/pricing](https://aws.amazon.com/kms/pricing/) |',
    );
    expect(md).toContain('| `lambdaRequests` | $0.20 per 1M | request |');
    expect(md).toContain('| `fargateGbX86` | $0.004445 | GB-hour (Linux/x86) |');
  });

  test('the assumption table has a row per assumption with both scenario values', () => {
    const rows = costAssumptionTableMarkdown()
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => /^\| `(\w+)`/.exec(r)![1])).toEqual(ASSUMPTION_NAMES);
    expect(rows[0]).toMatch(/^\| `gatewayHoursPerMonth` \| 730 \| 730 \| hours\/month \| /);
  });
});
