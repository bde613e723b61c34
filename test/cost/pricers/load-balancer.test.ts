import { describe, expect, it } from 'vitest';
import { albLcus, priceLoadBalancers } from '../../../src/cost/pricers/load-balancer';
import { itemsOf, pricingInput, SUBNETS, subnetRef } from '../../helpers/pricing';

const internetFacing = {
  aws_subnet: SUBNETS,
  aws_lb: {
    alb: { internal: false, subnets: [subnetRef('a'), subnetRef('b'), subnetRef('c')] },
  },
};

describe('albLcus (what Infracost gets wrong: the maximum of four dimensions)', () => {
  const base = {
    requestsPerSecond: 100,
    requestsPerConnection: 1,
    averageResponseKb: 1,
    connectionSeconds: 1,
  };
  it('counts 25 new connections a second per LCU', () => {
    expect(albLcus(pricingInput({}, base).usage)).toBeCloseTo(4, 5);
  });

  it('counts 1 GB an hour processed per LCU when bytes dominate', () => {
    const bytes = { ...base, requestsPerConnection: 1000, averageResponseKb: 100 };
    expect(albLcus(pricingInput({}, bytes).usage)).toBeCloseTo(36, 5); // 100 x 3600 x 100 KB
  });
});

describe('priceLoadBalancers', () => {
  it('charges hours and one public IPv4 address per AZ of an internet-facing ALB, at idle no LCU', () => {
    const out = priceLoadBalancers(pricingInput(internetFacing));
    expect(itemsOf(out)).toEqual([
      ['aws_lb.alb', 'Load balancer hours', 730, 0.0225],
      ['aws_lb.alb', 'Public IPv4 addresses (3, one per AZ)', 2190, 0.005],
    ]);
    expect(out.lines.every((l) => l.component === 'edge')).toBe(true);
  });

  it('gives an internal ALB no public addresses', () => {
    const internal = { aws_lb: { alb: { internal: true } } };
    const items = priceLoadBalancers(pricingInput(internal)).lines.map((l) => l.item);
    expect(items).toEqual(['Load balancer hours']);
  });

  it('prices capacity units and data out at the usage profile traffic', () => {
    const usage = {
      requestsPerSecond: 10,
      requestsPerConnection: 1,
      averageResponseKb: 10,
      connectionSeconds: 1,
    };
    const out = priceLoadBalancers(pricingInput(internetFacing, usage));
    const lcu = out.lines.find((l) => l.item.startsWith('Load balancer capacity units'))!;
    expect(lcu.item).toBe('Load balancer capacity units (0.4 LCU)'); // 10 new connections/s / 25
    expect(lcu.quantity).toBeCloseTo(0.4 * 730, 6);
    const dataOut = out.lines.find((l) => l.item === 'Data out to the internet')!;
    expect(dataOut.quantity).toBeCloseTo((10 * 730 * 3600 * 10) / 1_000_000, 6); // 262.8 GB
  });
});
