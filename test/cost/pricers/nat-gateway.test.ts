import { describe, expect, it } from 'vitest';
import { priceNatGateways } from '../../../src/cost/pricers/nat-gateway';
import { itemsOf, pricingInput } from '../../helpers/pricing';

const two = { aws_nat_gateway: { a: {}, b: {} } };

describe('priceNatGateways', () => {
  it('charges every NAT gateway 730 hours', () => {
    const out = priceNatGateways(pricingInput(two));
    expect(itemsOf(out)).toEqual([
      ['aws_nat_gateway.a', 'NAT gateway hours', 730, 0.045],
      ['aws_nat_gateway.b', 'NAT gateway hours', 730, 0.045],
    ]);
    expect(out.lines.every((l) => l.component === 'network')).toBe(true);
  });

  it('shares the NAT egress of the usage profile among the gateways, and adds no line without it', () => {
    const busy = priceNatGateways(pricingInput(two, { natEgressGb: 10 }));
    const data = busy.lines.filter((l) => l.item === 'NAT data processed');
    expect(data.map((l) => l.quantity)).toEqual([5, 5]);
    expect(data[0]!.monthlyUsd).toBeCloseTo(5 * 0.045, 6);
    const idle = priceNatGateways(pricingInput(two));
    expect(idle.lines.some((l) => l.item === 'NAT data processed')).toBe(false);
  });

  it('returns nothing for a stack without NAT gateways', () => {
    const out = priceNatGateways(pricingInput({}));
    expect(out.lines).toEqual([]);
    expect(out.priced.size).toBe(0);
  });
});
