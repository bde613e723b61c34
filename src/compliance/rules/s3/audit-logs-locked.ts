import { auditLogBuckets, lockDays, MIN_LOCK_DAYS, replicatedInto } from '../../checks/audit-logs';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/**
 * Versioning alone does not protect a log: whoever may delete objects may delete every version.
 * Object Lock makes each version undeletable for its retention period.
 */
export const s3AuditLogsLocked = graphRule({
  id: 'PAY-S3-021',
  title: 'Prod audit logs end under a year of Object Lock (locked bucket, or replicated into one)',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.3.2', '10.3.3', '10.5.1'],
  equivalents: {},
  prodOnly: true,
  rationale:
    'Audit logs an administrator (or an attacker with their credentials) can delete do not prove anything; a default Object Lock retention keeps every log version for its retention.',
  remediation:
    'Replicate every object of the bucket (an enabled aws_s3_bucket_replication_configuration rule with an empty prefix) into a bucket with object_lock_enabled = true and a default retention of at least 365 days (COMPLIANCE mode, or GOVERNANCE with an SCP denying s3:BypassGovernanceRetention); or lock the receiving bucket itself where AWS documents that the service delivers into it (PAY-S3-022).',
  check(graph) {
    const out: Violation[] = [];
    for (const [bucket, sender] of auditLogBuckets(graph)) {
      const replica = replicatedInto(graph, bucket);
      const days = lockDays(graph, bucket) ?? replica?.days;
      if (days === undefined) {
        out.push({
          address: bucket.address,
          message: `receives audit logs from ${sender} but has no Object Lock default retention and replicates them into no locked bucket`,
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
