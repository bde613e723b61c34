import { keyPolicies } from '../../checks/key-policies';
import { publicPolicyProblems } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';

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
