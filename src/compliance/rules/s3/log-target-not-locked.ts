import { companions } from '../../../tfjson/aws';
import { attr } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/**
 * S3 server access logging refuses a target bucket with an Object Lock default retention:
 * the logs would silently never arrive.
 */
export const s3LogTargetNotLocked = resourceRule({
  id: 'PAY-S3-020',
  title: 'S3 access logs go to a bucket without an Object Lock default retention',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket_logging'],
  pci: ['10.2.1'],
  equivalents: {},
  rationale:
    'S3 does not deliver server access logs to a bucket with a default Object Lock retention, so the audit trail would be empty.',
  remediation:
    'Point target_bucket at a bucket without Object Lock default retention (the access-log bucket).',
  test(logging, graph) {
    const target = graph.refsFrom(logging.address, 'target_bucket')[0]?.to;
    const bucket = target ? graph.block(target) : undefined;
    if (!bucket) return undefined;
    const locked = companions(graph, bucket, 'aws_s3_bucket_object_lock_configuration').some(
      (c) => attr(c.attrs, 'rule.default_retention') !== undefined,
    );
    return locked
      ? `target bucket ${bucket.address} has an Object Lock default retention`
      : undefined;
  },
});
