import { auditLogBuckets, lockDays } from '../../checks/audit-logs';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/**
 * Services AWS documents as writing into a bucket with a default Object Lock retention (each
 * upload to such a bucket needs a Content-MD5 or x-amz-checksum header:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-overview.html). None, as of
 * the pages checked for issue 25 (docs/account-baseline.md, "Object Lock evidence"): the ELB,
 * VPC Flow Logs, WAF and CloudTrail guides say nothing of Object Lock, and S3 documents that
 * its own server access logs cannot be delivered to such a bucket.
 */
const DOCUMENTED_DIRECT_DELIVERY: ReadonlySet<string> = new Set();

/**
 * A log a service cannot deliver is lost without an error (flow and WAF logs), or fails the
 * apply (ELB's test file): audit logs go where delivery is documented, and reach Object Lock by
 * replication (PAY-S3-021).
 */
export const s3LockedDeliveryDocumented = graphRule({
  id: 'PAY-S3-022',
  title: 'Audit logs are not delivered straight into an Object Lock bucket unless AWS documents it',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['10.2.1', '10.3.3', '10.5.1'],
  equivalents: {},
  rationale:
    'S3 refuses uploads to a bucket with a default retention that carry no Content-MD5 or checksum header, and AWS documents no log-delivering service (ALB, VPC Flow Logs, WAF, CloudTrail) as sending one. A refused delivery leaves no log: flow and WAF logs are dropped silently.',
  remediation:
    'Deliver into a bucket without Object Lock and replicate every object into the locked bucket (LockedLogArchive, PAY-S3-021); until then keep a dated suppression naming the risk.',
  check(graph) {
    const out: Violation[] = [];
    for (const [bucket, sender] of auditLogBuckets(graph)) {
      const type = sender.split('.')[0]!;
      if (DOCUMENTED_DIRECT_DELIVERY.has(type) || lockDays(graph, bucket) === undefined) continue;
      out.push({
        address: bucket.address,
        message: `has a default Object Lock retention and receives logs straight from ${sender}, a delivery AWS does not document for a locked bucket`,
      });
    }
    return out;
  },
});
