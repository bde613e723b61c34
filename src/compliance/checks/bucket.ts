/** Shared reads of an S3 bucket and its companion resources (split `aws_s3_bucket_*` or inline). */
import { companions } from '../../tfjson/aws';
import type { Block, StackGraph } from '../../tfjson/graph';
import { attr, blockList } from '../../tfjson/graph';
import type { Statement } from '../../tfjson/policy';
import { readPolicy } from '../../tfjson/policy';
import type { Rule } from '../rule';
import { isTrue, resourceRule } from '../rule';

/**
 * The statements of a bucket's policies (`aws_s3_bucket_policy` and the legacy inline
 * `policy`), plus any reasons a policy could not be read.
 */
export function bucketPolicy(
  bucket: Block,
  graph: StackGraph,
): { statements: Statement[]; unreadable: string[]; present: boolean } {
  const holders = [
    ...companions(graph, bucket, 'aws_s3_bucket_policy').map((p) => [p, 'policy'] as const),
    [bucket, 'policy'] as const,
  ];
  const statements: Statement[] = [];
  const unreadable: string[] = [];
  let present = false;
  for (const [holder, attribute] of holders) {
    const result = readPolicy(graph, holder, attribute);
    if (!result) continue;
    present = true;
    if (result.ok) statements.push(...result.statements);
    else unreadable.push(result.reason);
  }
  return { statements, unreadable, present };
}

/** The SSE rules of a bucket (split resource or legacy inline block). */
export function sseRules(bucket: Block, graph: StackGraph) {
  return [
    ...companions(graph, bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap(
      (c) => blockList(c.attrs['rule']),
    ),
    ...blockList(attr(bucket.attrs, 'server_side_encryption_configuration.rule')),
  ];
}

/** True when MFA delete is enabled on any versioning resource of the bucket. */
export function mfaDeleteEnabled(bucket: Block, graph: StackGraph): boolean {
  return (
    companions(graph, bucket, 'aws_s3_bucket_versioning').some(
      (v) => attr(v.attrs, 'versioning_configuration.mfa_delete') === 'Enabled',
    ) || isTrue(attr(bucket.attrs, 'versioning.mfa_delete'))
  );
}

/** The public access block resources of a bucket. */
export function publicAccessBlocks(bucket: Block, graph: StackGraph): Block[] {
  return companions(graph, bucket, 'aws_s3_bucket_public_access_block');
}

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
