import { describe, expect, it } from 'vitest';
import { priceElasticIps } from '../../../src/cost/pricers/public-ipv4';
import { itemsOf, pricingInput } from '../../helpers/pricing';

describe('priceElasticIps', () => {
  it('charges each Elastic IP in use by the hour (3.65 USD a month at 0.005)', () => {
    const out = priceElasticIps(pricingInput({ aws_eip: { nat: { domain: 'vpc' } } }));
    expect(itemsOf(out)).toEqual([['aws_eip.nat', 'Public IPv4 address hours', 730, 0.005]]);
    expect(out.lines[0]!.monthlyUsd).toBeCloseTo(3.65, 6);
    expect(out.lines[0]!.component).toBe('network');
  });

  it('has no line without Elastic IPs', () => {
    expect(priceElasticIps(pricingInput({})).lines).toEqual([]);
  });
});
