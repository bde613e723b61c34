import type { Block, StackGraph } from '../../tfjson/graph';
import { referrers } from '../../tfjson/graph';
import type { PolicyResult } from '../../tfjson/policy';
import { readPolicy } from '../../tfjson/policy';

/** The key's policies: inline `policy` and `aws_kms_key_policy` resources. */
export function keyPolicies(key: Block, graph: StackGraph): PolicyResult[] {
  const holders = [key, ...referrers(graph, key, 'aws_kms_key_policy', 'key_id')];
  return holders.map((h) => readPolicy(graph, h)).filter((p): p is PolicyResult => p !== undefined);
}
