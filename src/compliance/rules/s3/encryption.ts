import { companions } from '../../../tfjson/aws';
import { attr, blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S1: default encryption is configured on every bucket. */
export const s3Encryption = resourceRule({
  id: 'PAY-S3-001',
  title: 'S3 bucket has default server-side encryption',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['3.5.1'],
  catalogue: 'S1',
  equivalents: { checkov: ['CKV_AWS_19'], trivy: ['AWS-0088'], kics: ['ad03cb46'] },
  rationale:
    'Stored account data must be unreadable at rest; default encryption makes every object encrypted without relying on writers.',
  remediation:
    'Add an aws_s3_bucket_server_side_encryption_configuration with an sse_algorithm (aws:kms with a customer key, or AES256 where AWS forbids KMS).',
  test(bucket, graph) {
    const configs = companions(graph, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
    const rules = [
      ...configs.flatMap((c) => blockList(c.attrs['rule'])),
      ...blockList(attr(bucket.attrs, 'server_side_encryption_configuration.rule')),
    ];
    const ok = rules.some(
      (r) => typeof attr(r, 'apply_server_side_encryption_by_default.sse_algorithm') === 'string',
    );
    return ok ? undefined : 'bucket has no default server-side encryption configuration';
  },
});
