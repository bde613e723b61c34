import { companions } from '../../../tfjson/aws';
import type { Block, StackGraph } from '../../../tfjson/graph';
import { attr } from '../../../tfjson/graph';
import { num, graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** PCI DSS 10.5.1: a year of audit logs. */
const MIN_LOCK_DAYS = 365;

/** Where each log-delivering resource names its bucket. */
const LOG_DESTINATIONS: ReadonlyArray<readonly [type: string, attribute: string]> = [
  ['aws_lb', 'access_logs.bucket'],
  ['aws_lb', 'connection_logs.bucket'],
  ['aws_flow_log', 'log_destination'],
  ['aws_wafv2_web_acl_logging_configuration', 'log_destination_configs'],
  ['aws_cloudtrail', 's3_bucket_name'],
];

/** The buckets that receive audit logs, with who sends them. */
function auditLogBuckets(graph: StackGraph): Map<Block, string> {
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

function lockDays(graph: StackGraph, bucket: Block): number | undefined {
  for (const lock of companions(graph, bucket, 'aws_s3_bucket_object_lock_configuration')) {
    const days = num(attr(lock.attrs, 'rule.default_retention.days'));
    const years = num(attr(lock.attrs, 'rule.default_retention.years'));
    if (days !== undefined) return days;
    if (years !== undefined) return years * 365;
  }
  return undefined;
}

/**
 * Versioning alone does not protect a log: whoever may delete objects may delete every version.
 * Object Lock makes each version undeletable for its retention period.
 */
export const s3AuditLogsLocked = graphRule({
  id: 'PAY-S3-021',
  title: 'Prod buckets that receive audit logs are object-locked for a year',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.3.2', '10.3.3', '10.5.1'],
  equivalents: {},
  prodOnly: true,
  rationale:
    'Audit logs an administrator (or an attacker with their credentials) can delete do not prove anything; a default Object Lock retention keeps every log version for its retention.',
  remediation:
    'Create the bucket with object_lock_enabled = true and an aws_s3_bucket_object_lock_configuration with a default retention of at least 365 days (COMPLIANCE mode, or GOVERNANCE with an SCP denying s3:BypassGovernanceRetention).',
  check(graph) {
    const out: Violation[] = [];
    for (const [bucket, sender] of auditLogBuckets(graph)) {
      const days = lockDays(graph, bucket);
      if (days === undefined) {
        out.push({
          address: bucket.address,
          message: `receives audit logs from ${sender} but has no Object Lock default retention`,
        });
      } else if (days < MIN_LOCK_DAYS) {
        out.push({
          address: bucket.address,
          message: `locks audit logs for ${days} days, under ${MIN_LOCK_DAYS}`,
        });
      }
    }
    return out;
  },
});
