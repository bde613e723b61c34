/**
 * Where audit logs end (PAY-S3-021, PAY-S3-022): the buckets log-delivering resources name,
 * their Object Lock default retention, and the locked bucket they replicate into.
 */
import { companions } from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';
import { attr } from '../../tfjson/graph';
import { num } from '../../tfjson/values';

/** PCI DSS 10.5.1: a year of audit logs. */
export const MIN_LOCK_DAYS = 365;

/** Where each log-delivering resource names its bucket. */
export const LOG_DESTINATIONS: ReadonlyArray<readonly [type: string, attribute: string]> = [
  ['aws_lb', 'access_logs.bucket'],
  ['aws_lb', 'connection_logs.bucket'],
  ['aws_flow_log', 'log_destination'],
  ['aws_wafv2_web_acl_logging_configuration', 'log_destination_configs'],
  ['aws_cloudtrail', 's3_bucket_name'],
];

/** The buckets that receive audit logs, with who sends them. */
export function auditLogBuckets(graph: StackGraph): Map<Block, string> {
  const out = new Map<Block, string>();
  for (const [type, attribute] of LOG_DESTINATIONS) {
    for (const sender of graph.resources(type)) {
      for (const edge of graph.refsFrom(sender.address, attribute)) {
        const bucket = graph.block(edge.to);
        if (bucket?.type === 'aws_s3_bucket' && !out.has(bucket)) out.set(bucket, sender.address);
      }
    }
  }
  return out;
}

export function lockDays(graph: StackGraph, bucket: Block): number | undefined {
  for (const lock of companions(graph, bucket, 'aws_s3_bucket_object_lock_configuration')) {
    const days = num(attr(lock.attrs, 'rule.default_retention.days'));
    const years = num(attr(lock.attrs, 'rule.default_retention.years'));
    if (days !== undefined) return days;
    if (years !== undefined) return years * 365;
  }
  return undefined;
}

/**
 * The locked bucket every object of `bucket` is replicated into, with its lock days: an
 * enabled replication rule over the whole bucket (empty prefix, or no filter) whose
 * destination has a default retention. S3 applies the destination's default retention to
 * replicas of objects that carry none
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html).
 */
export function replicatedInto(
  graph: StackGraph,
  bucket: Block,
): { readonly archive: Block; readonly days: number } | undefined {
  for (const config of companions(graph, bucket, 'aws_s3_bucket_replication_configuration')) {
    const rules = config.attrs['rule'];
    for (const rule of Array.isArray(rules) ? rules : [rules]) {
      if (rule === null || typeof rule !== 'object') continue;
      const r = rule as Record<string, unknown>;
      if (r['status'] !== 'Enabled') continue;
      const prefix = attr(r, 'filter.prefix') ?? attr(r, 'prefix') ?? '';
      const filterTags = attr(r, 'filter.tag') ?? attr(r, 'filter.and');
      if (prefix !== '' || filterTags !== undefined) continue;
      const destination = graph
        .refsFrom(config.address, 'rule')
        .map((e) => graph.block(e.to))
        .find((b) => b?.type === 'aws_s3_bucket' && b !== bucket);
      const days = destination ? lockDays(graph, destination) : undefined;
      if (destination && days !== undefined) return { archive: destination, days };
    }
  }
  return undefined;
}
