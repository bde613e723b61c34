/**
 * What a destroy must leave in AWS, read from the synthesized JSON through the gate's graph:
 * resources the profile keeps, and the attachments that keep them safe (a kept bucket keeps
 * its public access block, encryption and TLS-only policy; a kept key its policy and alias).
 * `npm run destroy` forgets these (a `removed` block each, in the same saved plan that destroys
 * the rest), so the destroy neither fails half-way on them nor strips them.
 */
import type { Block, StackGraph } from '../tfjson/graph';
import { attr, isObject, targetsOf } from '../tfjson/graph';

export interface RetainedResource {
  readonly address: string;
  readonly reason: string;
}

/** A resource that makes the destroy fail until someone turns its protection off. */
export interface ProtectedResource {
  readonly address: string;
  readonly howToUnprotect: string;
}

/** Resources that only configure another one: kept with it. [type, attribute naming the owner]. */
const ATTACHMENTS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  aws_s3_bucket: [
    ['aws_s3_bucket_public_access_block', 'bucket'],
    ['aws_s3_bucket_server_side_encryption_configuration', 'bucket'],
    ['aws_s3_bucket_policy', 'bucket'],
    ['aws_s3_bucket_versioning', 'bucket'],
    ['aws_s3_bucket_ownership_controls', 'bucket'],
    ['aws_s3_bucket_lifecycle_configuration', 'bucket'],
    ['aws_s3_bucket_logging', 'bucket'],
    ['aws_s3_bucket_object_lock_configuration', 'bucket'],
  ],
  aws_kms_key: [
    ['aws_kms_key_policy', 'key_id'],
    ['aws_kms_alias', 'target_key_id'],
  ],
};

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function lifecycle(block: Block): Record<string, unknown> {
  const value = block.attrs['lifecycle'];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return isObject(first) ? first : {};
}

/** Why the profile keeps this resource, or undefined when a destroy deletes it. */
function retentionReason(graph: StackGraph, block: Block): string | undefined {
  if (block.type === 'aws_kms_key' && keepsSnapshotKey(graph, block)) {
    return 'encrypts the final snapshot the database keeps on destroy';
  }
  if (isTrue(lifecycle(block)['prevent_destroy'])) return 'prevent_destroy';
  if (block.type === 'aws_cloudwatch_log_group' && isTrue(block.attrs['skip_destroy'])) {
    return 'skip_destroy (audit logs are kept)';
  }
  if (block.type === 'aws_s3_bucket') {
    if (isTrue(block.attrs['object_lock_enabled'])) return 'Object Lock (locked log bucket)';
    if (!isTrue(block.attrs['force_destroy'])) return 'not force-destroyed (objects are kept)';
  }
  return undefined;
}

/** The key encrypts a cluster that keeps a final snapshot (or its automated backups). */
function keepsSnapshotKey(graph: StackGraph, key: Block): boolean {
  return graph.resources('aws_rds_cluster').some((cluster) => {
    const keeps =
      !isTrue(cluster.attrs['skip_final_snapshot']) ||
      cluster.attrs['delete_automated_backups'] === false;
    return keeps && targetsOf(graph, cluster, 'kms_key_id').includes(key.address);
  });
}

export function retainedResources(graph: StackGraph): RetainedResource[] {
  const retained = new Map<string, string>();
  for (const block of graph.blocks.values()) {
    if (block.kind !== 'resource') continue;
    const reason = retentionReason(graph, block);
    if (reason) retained.set(block.address, reason);
  }
  for (const [address] of [...retained]) {
    const owner = graph.block(address);
    for (const [type, attribute] of (owner && ATTACHMENTS[owner.type]) ?? []) {
      for (const edge of graph.refsTo(address)) {
        const from = graph.block(edge.from);
        if (from?.type === type && edge.attribute === attribute && !retained.has(from.address)) {
          retained.set(from.address, `keeps ${address} as it is`);
        }
      }
    }
  }
  return [...retained]
    .map(([address, reason]) => ({ address, reason }))
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** Deletion-protected resources: AWS refuses to delete them, so a destroy would stop half-way. */
export function protectedResources(graph: StackGraph): ProtectedResource[] {
  const out: ProtectedResource[] = [];
  for (const cluster of graph.resources('aws_rds_cluster')) {
    if (isTrue(cluster.attrs['deletion_protection'])) {
      out.push({
        address: cluster.address,
        howToUnprotect:
          'set "database": { "deletionProtection": false } in the config file, then `npm run plan` and `npm run deploy`',
      });
    }
  }
  for (const lb of graph.resources('aws_lb')) {
    if (isTrue(lb.attrs['enable_deletion_protection'])) {
      const name = attr(lb.attrs, 'name');
      out.push({
        address: lb.address,
        howToUnprotect: `aws elbv2 modify-load-balancer-attributes --load-balancer-arn "$(aws elbv2 describe-load-balancers --names ${typeof name === 'string' ? name : '<name>'} --query 'LoadBalancers[0].LoadBalancerArn' --output text)" --attributes Key=deletion_protection.enabled,Value=false`,
      });
    }
  }
  return out;
}
