/**
 * Aurora Serverless v2: ACU hours of each instance at the usage profile (0 when paused), the
 * storage and, on Standard storage, the I/O of the usage profile, and the RDS-managed master
 * user secret. Provisioned classes, Database Insights, backup beyond the cluster size and
 * enhanced monitoring are listed as unpriced.
 */
import { Lines } from '../lines';
import { HOURS_PER_MONTH } from '../prices';
import { acuAt } from '../scaling';
import type { PricingInput } from './pricer';

export function priceAurora({ graph, topology, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  for (const db of topology.databases) {
    const cluster = graph.block(db.address)!;
    const acu = acuAt(db, usage);
    for (const inst of db.instances) {
      if (inst.instanceClass !== 'db.serverless') {
        out.none(
          inst.address,
          `Aurora ${inst.instanceClass}`,
          'provisioned instance classes are not in the price table',
        );
        continue;
      }
      const price = db.ioOptimized ? prices.auroraAcuHourIoOptimized : prices.auroraAcuHour;
      const what = acu === 0 ? 'paused (0 ACU)' : `${acu} ACU`;
      out.add(
        inst.address,
        'data',
        `Aurora Serverless v2 ${inst.writer ? 'writer' : 'reader'} ${what}`,
        acu * HOURS_PER_MONTH,
        price,
      );
    }
    out.usage(
      db.address,
      'data',
      'Aurora storage',
      usage.databaseStorageGb,
      prices.auroraStorageGbMonth,
    );
    if (usage.databaseIoMillions > 0 && !db.ioOptimized)
      out.add(
        db.address,
        'data',
        'Aurora I/O requests (millions)',
        usage.databaseIoMillions,
        prices.auroraIoPerMillion,
      );
    if (cluster.attrs['manage_master_user_password'] === true)
      out.add(db.address, 'security', 'RDS-managed master user secret', 1, prices.secretMonth);
    if (cluster.attrs['database_insights_mode'] === 'advanced')
      out.note(
        db.address,
        'Database Insights (advanced)',
        'priced under CloudWatch per ACU-hour; no rate found for the table',
      );
    out.note(
      db.address,
      'Backup storage beyond the cluster size',
      'depends on change rate over the 35-day retention',
    );
    out.cover(db.address);
  }
  for (const inst of graph.resources('aws_rds_cluster_instance')) {
    if ((inst.attrs['monitoring_interval'] ?? 0) !== 0)
      out.note(
        inst.address,
        'Enhanced monitoring (RDSOSMetrics log ingestion)',
        'billed as CloudWatch Logs ingestion; include it in logIngestGb',
      );
  }
  return out;
}
