import { describe, expect, it } from 'vitest';
import { priceFargate } from '../../../src/cost/pricers/fargate';
import type { Resources } from '../../helpers/pricing';
import { itemsOf, pricingInput } from '../../helpers/pricing';

function service(architecture: 'X86_64' | 'ARM64', insights = 'enabled'): Resources {
  return {
    aws_ecs_cluster: { c: { setting: [{ name: 'containerInsights', value: insights }] } },
    aws_ecs_task_definition: {
      t: { cpu: '256', memory: '512', runtime_platform: { cpu_architecture: architecture } },
    },
    aws_ecs_service: {
      app: { desired_count: 2, task_definition: '${aws_ecs_task_definition.t.arn}' },
    },
  };
}

describe('priceFargate', () => {
  it('charges vCPU and memory hours of the desired tasks at the x86 rate', () => {
    const out = priceFargate(pricingInput(service('X86_64')));
    expect(itemsOf(out)).toEqual([
      ['aws_ecs_service.app', 'Fargate x86 vCPU (2 tasks x 0.25 vCPU)', 365, 0.04048],
      ['aws_ecs_service.app', 'Fargate x86 memory (2 tasks x 0.5 GB)', 730, 0.004445],
    ]);
  });

  it('charges ARM (Graviton) tasks at the ARM rate, not the x86 one', () => {
    const out = priceFargate(pricingInput(service('ARM64')));
    expect(out.lines.map((l) => [l.item, l.unitUsd])).toEqual([
      ['Fargate ARM vCPU (2 tasks x 0.25 vCPU)', 0.03238],
      ['Fargate ARM memory (2 tasks x 0.5 GB)', 0.00356],
    ]);
  });

  it('notes Container Insights as unpriced unless the cluster disables it', () => {
    expect(priceFargate(pricingInput(service('X86_64'))).unpriced).toEqual([
      expect.objectContaining({ address: 'aws_ecs_cluster.c', item: 'Container Insights metrics' }),
    ]);
    expect(priceFargate(pricingInput(service('X86_64', 'disabled'))).unpriced).toEqual([]);
  });
});
