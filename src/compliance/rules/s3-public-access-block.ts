import type { Block, StackGraph } from '../graph';
import { companions } from '../aws';
import { isTrue, resourceRule } from '../rule';
import type { Rule } from '../rule';

/** The public access block resources of a bucket. */
export function publicAccessBlocks(bucket: Block, graph: StackGraph): Block[] {
  return companions(graph, bucket, 'aws_s3_bucket_public_access_block');
}

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

/** One rule per public-access-block flag (S7-S10). */
export function publicAccessFlagRule(
  id: string,
  flag: string,
  catalogue: string,
  equivalents: Rule['equivalents'],
  effect: string,
): Rule {
  return resourceRule({
    id,
    title: `S3 public access block sets ${flag}`,
    severity: 'high',
    resourceTypes: ['aws_s3_bucket'],
    pci: ['1.3.1', '1.4.4'],
    catalogue,
    equivalents,
    rationale: `${flag} ${effect}; all four flags together keep the bucket private whatever its policy or ACLs say.`,
    remediation: `Set ${flag} = true on the bucket's aws_s3_bucket_public_access_block.`,
    test(bucket, graph) {
      const blocks = publicAccessBlocks(bucket, graph);
      if (blocks.length === 0) return `bucket has no public access block, so ${flag} is off`;
      return blocks.every((b) => isTrue(b.attrs[flag])) ? undefined : `${flag} is not true`;
    },
  });
}
