/**
 * An EC2 app tier (Auto Scaling group): on-demand instance hours at the count the usage
 * profile scales it to, and its gp3 root volumes. Detailed monitoring is a per-metric
 * CloudWatch charge the table lacks.
 */
import { attr } from '../../tfjson/graph';
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import { appCountAt } from '../scaling';
import type { PricingInput } from './pricer';

export function priceEc2AppTiers({ graph, topology, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const tier of topology.appTiers) {
    if (tier.kind !== 'ec2') continue;
    const count = appCountAt(tier, usage.requestsPerSecond);
    const price = tier.instanceType ? prices.ec2Hour[tier.instanceType] : undefined;
    if (price)
      out.add(
        tier.address,
        'app',
        `EC2 ${tier.instanceType} (${count} on demand)`,
        count * HOURS_PER_MONTH,
        price,
      );
    else
      out.none(
        tier.address,
        `EC2 ${tier.instanceType ?? '(unknown type)'}`,
        'instance type not in the price table',
      );
    if (tier.volumeGb > 0) {
      if (tier.volumeType === 'gp3' || tier.volumeType === undefined)
        out.add(
          tier.address,
          'app',
          `EBS gp3 root volumes (${count} x ${tier.volumeGb} GB)`,
          count * tier.volumeGb,
          prices.ebsGp3GbMonth,
        );
      else
        out.none(
          tier.address,
          `EBS ${tier.volumeType} volumes`,
          'volume type not in the price table',
        );
    }
    const template = graph.refsFrom(tier.address, 'launch_template')[0];
    const lt = template ? graph.block(template.to) : undefined;
    if (lt && attr(lt.attrs, 'monitoring.enabled') === true) {
      out.note(
        tier.address,
        'EC2 detailed monitoring metrics',
        'per-metric CloudWatch charge; not in the price table',
      );
    }
  }
  return out;
}
