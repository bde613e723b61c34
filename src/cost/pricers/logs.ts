/**
 * CloudWatch Logs: the usage profile's ingestion and storage shared among the log groups.
 * VPC flow log delivery is vended-log pricing the table lacks.
 */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function priceLogs({ graph, usage, prices }: PricingInput): Lines {
  const out = new Lines();
  const groups = graph.resources('aws_cloudwatch_log_group');
  const logShares = [
    ['Log ingestion (share)', usage.logIngestGb, prices.logsIngestPerGb],
    ['Log storage (share)', usage.logStorageGb, prices.logsStorageGbMonth],
  ] as const;
  for (const g of groups) {
    for (const [item, gb, price] of logShares)
      out.usage(g.address, 'observability', item, gb / groups.length, price);
  }
  for (const f of graph.resources('aws_flow_log')) {
    out.none(
      f.address,
      'VPC flow log delivery',
      `vended log delivery to ${String(f.attrs['log_destination_type'] ?? 'cloud-watch-logs')} is charged per GB; not in the price table`,
    );
  }
  // The request metrics the audit-log delivery alarms watch.
  for (const m of graph.resources('aws_s3_bucket_metric')) {
    out.none(
      m.address,
      'S3 request metrics',
      'billed as CloudWatch custom metrics for each metric that reports; not in the price table',
    );
  }
  return out;
}
