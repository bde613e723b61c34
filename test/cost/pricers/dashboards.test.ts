import { describe, expect, it } from 'vitest';
import { priceDashboards } from '../../../src/cost/pricers/dashboards';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceDashboards', () => {
  it('charges each dashboard 3 USD a month', () => {
    const out = priceDashboards(pricingInput({ aws_cloudwatch_dashboard: { main: {} } }));
    expect(itemsOf(out)).toEqual([['aws_cloudwatch_dashboard.main', 'Dashboard', 1, 3]]);
    expect(priceDashboards(pricingInput({})).lines).toEqual([]);
  });
});
