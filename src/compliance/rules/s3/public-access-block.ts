import { publicAccessBlocks } from '../../checks/bucket';
import { resourceRule } from '../../rule';

/** S6: a public access block exists. */
export const s3PublicAccessBlock = resourceRule({
  id: 'PAY-S3-006',
  title: 'S3 bucket has a public access block',
  severity: 'high',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['1.3.1', '1.4.4'],
  catalogue: 'S6',
  equivalents: { checkov: ['CKV2_AWS_6'], trivy: ['AWS-0094'], securityHub: ['S3.8'] },
  rationale:
    'Without a bucket-level public access block, one policy or ACL mistake exposes the bucket to the internet.',
  remediation: 'Add an aws_s3_bucket_public_access_block for the bucket with all four flags true.',
  test: (bucket, graph) =>
    publicAccessBlocks(bucket, graph).length > 0 ? undefined : 'bucket has no public access block',
});
