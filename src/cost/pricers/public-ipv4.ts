/**
 * Elastic IPs (the NAT gateways' addresses): AWS charges every public IPv4 address in use by
 * the hour. The load balancer's own addresses are on its lines (`load-balancer.ts`).
 */
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import type { PricingInput } from './pricer';

export function priceElasticIps({ graph, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const eip of graph.resources('aws_eip')) {
    out.add(
      eip.address,
      'network',
      'Public IPv4 address hours',
      HOURS_PER_MONTH,
      prices.publicIpv4Hour,
    );
  }
  return out;
}
