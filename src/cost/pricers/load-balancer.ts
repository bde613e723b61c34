/**
 * The Application Load Balancer: its hours, the public IPv4 address it holds in each AZ when
 * internet-facing, its capacity units at the usage profile's traffic, and the data it sends
 * to the internet.
 */
import type { UsageProfile } from '../../config/profiles';
import { Lines, round, SECONDS_PER_MONTH } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import type { PricingInput } from './pricer';

/**
 * ALB capacity units: the maximum of the four dimensions (AWS: 25 new connections per
 * second, 3,000 active connections per minute, 1 GB per hour processed for EC2/IP targets,
 * 1,000 rule evaluations per second), each per LCU.
 */
export function albLcus(usage: UsageProfile, rulesPerRequest = 1): number {
  const rps = usage.requestsPerSecond;
  const newConnections = rps / usage.requestsPerConnection;
  const activeConnections = newConnections * usage.connectionSeconds;
  const gbPerHour = (rps * 3600 * usage.averageResponseKb) / 1_000_000;
  return Math.max(
    newConnections / 25,
    activeConnections / 3000,
    gbPerHour,
    (rps * rulesPerRequest) / 1000,
  );
}

export function priceLoadBalancers({ topology, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  const hours = HOURS_PER_MONTH;
  const dataOutGb =
    (usage.requestsPerSecond * SECONDS_PER_MONTH * usage.averageResponseKb) / 1_000_000;
  for (const lb of topology.loadBalancers) {
    out.add(lb.address, 'edge', 'Load balancer hours', hours, prices.albHour);
    if (lb.internetFacing) {
      // An internet-facing ALB holds a public IPv4 address in each enabled AZ.
      const ips = Math.max(1, lb.subnets.length);
      out.add(
        lb.address,
        'edge',
        `Public IPv4 addresses (${ips}, one per AZ)`,
        ips * hours,
        prices.publicIpv4Hour,
      );
    }
    const lcus = albLcus(usage);
    out.usage(
      lb.address,
      'edge',
      `Load balancer capacity units (${round(lcus, 3)} LCU)`,
      lcus * hours,
      prices.albLcuHour,
    );
    out.usage(lb.address, 'edge', 'Data out to the internet', dataOutGb, prices.dataOutPerGb);
  }
  return out;
}
