/**
 * A Fargate app tier (ECS service): vCPU and memory hours of its tasks at the count the usage
 * profile scales it to, at the Graviton (ARM) or x86 rate. Container Insights on the cluster
 * is a custom-metric charge the table lacks.
 */
import { blockList } from '../../tfjson/graph';
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import { appCountAt } from '../scaling';
import type { PricingInput } from './pricer';

export function priceFargate({ graph, topology, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const tier of topology.appTiers) {
    if (tier.kind !== 'ecs-fargate') continue;
    const count = appCountAt(tier, usage.requestsPerSecond);
    const arm = tier.architecture === 'arm64';
    const vcpu = arm ? prices.fargateArmVcpuHour : prices.fargateX86VcpuHour;
    const gb = arm ? prices.fargateArmGbHour : prices.fargateX86GbHour;
    const label = arm ? 'ARM' : 'x86';
    out.add(
      tier.address,
      'app',
      `Fargate ${label} vCPU (${count} tasks x ${tier.vcpu} vCPU)`,
      count * tier.vcpu * HOURS_PER_MONTH,
      vcpu,
    );
    out.add(
      tier.address,
      'app',
      `Fargate ${label} memory (${count} tasks x ${tier.memoryGb} GB)`,
      count * tier.memoryGb * HOURS_PER_MONTH,
      gb,
    );
  }
  for (const cluster of graph.resources('aws_ecs_cluster')) {
    const insights = blockList(cluster.attrs['setting']).some(
      (s) => s['name'] === 'containerInsights' && s['value'] !== 'disabled',
    );
    if (insights)
      out.note(
        cluster.address,
        'Container Insights metrics',
        'custom-metric charge; not in the price table',
      );
  }
  return out;
}
