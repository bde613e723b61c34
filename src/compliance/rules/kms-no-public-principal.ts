import type { Block, StackGraph } from '../graph';
import { referrers } from '../graph';
import type { PolicyResult } from '../policy';
import { publicPolicyProblems, readPolicy } from '../policy';
import { resourceRule } from '../rule';

/** The key's policies: inline `policy` and `aws_kms_key_policy` resources. */
export function keyPolicies(key: Block, graph: StackGraph): PolicyResult[] {
  const holders = [key, ...referrers(graph, key, 'aws_kms_key_policy', 'key_id')];
  return holders.map((h) => readPolicy(graph, h)).filter((p): p is PolicyResult => p !== undefined);
}

/** K2. */
export const kmsNoPublicPrincipal = resourceRule({
  id: 'PAY-KMS-002',
  title: 'KMS key policy allows no anonymous principal',
  severity: 'critical',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1', '7.2.1'],
  catalogue: 'K2',
  equivalents: { checkov: ['CKV_AWS_33'], kics: ['7ebc9038'], securityHub: ['KMS.5'] },
  rationale: 'A key anyone can use decrypts all the data it protects.',
  remediation:
    'Name the account root, roles or service principals; pin service principals with aws:SourceAccount.',
  test: (key, graph) => publicPolicyProblems(keyPolicies(key, graph), 'key policy'),
});
