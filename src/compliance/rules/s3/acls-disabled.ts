import { companions } from '../../../tfjson/aws';
import { attr } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** S12: ACLs disabled. */
export const s3AclsDisabled = resourceRule({
  id: 'PAY-S3-012',
  title: 'S3 bucket disables ACLs (BucketOwnerEnforced)',
  severity: 'medium',
  resourceTypes: ['aws_s3_bucket'],
  pci: ['7.2.1'],
  catalogue: 'S12',
  equivalents: { checkov: ['CKV2_AWS_65'], securityHub: ['S3.12'] },
  rationale:
    'With ACLs disabled, access is decided by policies alone, which are reviewable in one place.',
  remediation:
    'Add an aws_s3_bucket_ownership_controls with rule.object_ownership = "BucketOwnerEnforced".',
  test(bucket, graph) {
    const ok = companions(graph, bucket, 'aws_s3_bucket_ownership_controls').some(
      (o) => attr(o.attrs, 'rule.object_ownership') === 'BucketOwnerEnforced',
    );
    return ok ? undefined : 'bucket ownership is not BucketOwnerEnforced (ACLs stay enabled)';
  },
});
