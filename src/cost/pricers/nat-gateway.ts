/** NAT gateways: an hourly charge each, and the NAT egress of the usage profile shared among them. */
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import type { PricingInput } from './pricer';

export function priceNatGateways({ graph, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  const nats = graph.resources('aws_nat_gateway');
  for (const nat of nats) {
    out.add(nat.address, 'network', 'NAT gateway hours', HOURS_PER_MONTH, prices.natGatewayHour);
    out.usage(
      nat.address,
      'network',
      'NAT data processed',
      usage.natEgressGb / nats.length,
      prices.natDataPerGb,
    );
  }
  return out;
}
