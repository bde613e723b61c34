import { describe, expect, it } from 'vitest';
import { priceEc2AppTiers } from '../../../src/cost/pricers/ec2';
import type { Resources } from '../../helpers/pricing';
import { itemsOf, pricingInput } from '../../helpers/pricing';

function tier(instanceType: string, volumeType = 'gp3', monitoring = false): Resources {
  return {
    aws_launch_template: {
      lt: {
        instance_type: instanceType,
        block_device_mappings: [{ ebs: [{ volume_size: 20, volume_type: volumeType }] }],
        monitoring: [{ enabled: monitoring }],
      },
    },
    aws_autoscaling_group: {
      app: {
        min_size: 1,
        desired_capacity: 1,
        max_size: 4,
        launch_template: { id: '${aws_launch_template.lt.id}' },
      },
    },
    aws_autoscaling_policy: {
      requests: {
        autoscaling_group_name: '${aws_autoscaling_group.app.name}',
        target_tracking_configuration: {
          predefined_metric_specification: {
            predefined_metric_type: 'ALBRequestCountPerTarget',
          },
          target_value: 600,
        },
      },
    },
  };
}

describe('priceEc2AppTiers', () => {
  it('charges the desired instances on demand and their gp3 root volumes at idle', () => {
    const out = priceEc2AppTiers(pricingInput(tier('t3.small')));
    expect(itemsOf(out)).toEqual([
      ['aws_autoscaling_group.app', 'EC2 t3.small (1 on demand)', 730, 0.0208],
      ['aws_autoscaling_group.app', 'EBS gp3 root volumes (1 x 20 GB)', 20, 0.08],
    ]);
  });

  it('scales the count with requests up to the maximum (target tracking on requests)', () => {
    // 25 requests/s x 60 / 600 per target = 2.5 -> 3 instances; 1000 requests/s -> max 4.
    const at = (rps: number) =>
      priceEc2AppTiers(pricingInput(tier('t3.small'), { requestsPerSecond: rps })).lines[0]!.item;
    expect(at(25)).toBe('EC2 t3.small (3 on demand)');
    expect(at(1000)).toBe('EC2 t3.small (4 on demand)');
  });

  it('lists an instance type or volume type the table lacks as unpriced', () => {
    const out = priceEc2AppTiers(pricingInput(tier('x9.huge', 'io2')));
    expect(out.lines).toEqual([]);
    expect(out.unpriced.map((u) => [u.item, u.reason])).toEqual([
      ['EC2 x9.huge', 'instance type not in the price table'],
      ['EBS io2 volumes', 'volume type not in the price table'],
    ]);
    expect(out.priced.has('aws_autoscaling_group.app')).toBe(true);
  });

  it('notes detailed monitoring only when the launch template enables it', () => {
    const note = 'EC2 detailed monitoring metrics';
    const on = priceEc2AppTiers(pricingInput(tier('t3.small', 'gp3', true)));
    expect(on.unpriced.map((u) => u.item)).toEqual([note]);
    expect(priceEc2AppTiers(pricingInput(tier('t3.small'))).unpriced).toEqual([]);
  });
});
