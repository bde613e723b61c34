import { describe, expect, it } from 'vitest';
import { priceAurora } from '../../../src/cost/pricers/aurora';
import type { Resources } from '../../helpers/pricing';
import { itemsOf, pricingInput } from '../../helpers/pricing';

function cluster(
  options: { min?: number; storage?: string; readerClass?: string } = {},
): Resources {
  const member = (instanceClass: string, promotionTier: number) => ({
    cluster_identifier: '${aws_rds_cluster.db.id}',
    instance_class: instanceClass,
    promotion_tier: promotionTier,
    monitoring_interval: 60,
  });
  return {
    aws_rds_cluster: {
      db: {
        engine: 'aurora-postgresql',
        storage_type: options.storage,
        manage_master_user_password: true,
        database_insights_mode: 'advanced',
        serverlessv2_scaling_configuration: { min_capacity: options.min ?? 0, max_capacity: 8 },
      },
    },
    aws_rds_cluster_instance: {
      writer: member('db.serverless', 0),
      reader: member(options.readerClass ?? 'db.serverless', 1),
    },
  };
}

describe('priceAurora', () => {
  it('prices paused instances at 0 ACU at idle, the managed secret, and notes what it cannot price', () => {
    const out = priceAurora(pricingInput(cluster()));
    expect(itemsOf(out)).toEqual([
      ['aws_rds_cluster_instance.writer', 'Aurora Serverless v2 writer paused (0 ACU)', 0, 0.12],
      ['aws_rds_cluster_instance.reader', 'Aurora Serverless v2 reader paused (0 ACU)', 0, 0.12],
      ['aws_rds_cluster.db', 'RDS-managed master user secret', 1, 0.4],
    ]);
    expect(out.lines.find((l) => l.item.startsWith('RDS-managed'))!.component).toBe('security');
    expect(out.unpriced.map((u) => u.item)).toEqual([
      'Database Insights (advanced)',
      'Backup storage beyond the cluster size',
      'Enhanced monitoring (RDSOSMetrics log ingestion)',
      'Enhanced monitoring (RDSOSMetrics log ingestion)',
    ]);
  });

  it('wakes to at least 0.5 ACU under traffic and charges storage and Standard I/O', () => {
    const usage = { requestsPerSecond: 1, databaseStorageGb: 10, databaseIoMillions: 3 };
    const out = priceAurora(pricingInput(cluster(), usage));
    expect(itemsOf(out).slice(0, 4)).toEqual([
      ['aws_rds_cluster_instance.writer', 'Aurora Serverless v2 writer 0.5 ACU', 365, 0.12],
      ['aws_rds_cluster_instance.reader', 'Aurora Serverless v2 reader 0.5 ACU', 365, 0.12],
      ['aws_rds_cluster.db', 'Aurora storage', 10, 0.1],
      ['aws_rds_cluster.db', 'Aurora I/O requests (millions)', 3, 0.2],
    ]);
  });

  it('charges I/O-Optimized ACUs at their own rate and no I/O line', () => {
    const usage = { averageAcu: 2, databaseIoMillions: 3 };
    const out = priceAurora(pricingInput(cluster({ storage: 'aurora-iopt1' }), usage));
    expect(out.lines[0]!.unitUsd).toBe(0.156);
    expect(out.lines.some((l) => l.item.startsWith('Aurora I/O'))).toBe(false);
  });

  it('lists a provisioned instance class as unpriced instead of zero', () => {
    const out = priceAurora(pricingInput(cluster({ readerClass: 'db.r7g.large' })));
    expect(out.unpriced[0]).toEqual({
      address: 'aws_rds_cluster_instance.reader',
      item: 'Aurora db.r7g.large',
      reason: 'provisioned instance classes are not in the price table',
    });
  });
});
