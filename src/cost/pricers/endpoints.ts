/**
 * VPC endpoints: an interface endpoint is charged per AZ it has a network interface in, by the
 * hour; gateway endpoints (S3, DynamoDB) are free. Traffic through them has no usage key.
 */
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import type { PricingInput } from './pricer';

export function priceEndpoints({ topology, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const e of topology.endpoints) {
    if (e.type !== 'Interface') {
      out.cover(e.address);
      continue;
    }
    const azs = Math.max(1, e.subnets.length);
    out.add(
      e.address,
      'network',
      `Interface endpoint ${e.service.split('.').slice(3).join('.')} (${azs} AZ)`,
      azs * HOURS_PER_MONTH,
      prices.interfaceEndpointAzHour,
    );
    out.note(e.address, 'Endpoint data processed', 'no usage key for traffic through endpoints');
  }
  return out;
}
