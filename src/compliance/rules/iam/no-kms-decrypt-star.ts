import { graphRule } from '../../rule';
import { checkStatements, grants, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

/** I6 / Security Hub KMS.1-2. */
export const iamNoKmsDecryptStar = graphRule({
  id: 'PAY-IAM-007',
  title: 'No IAM policy allows kms:Decrypt on every key',
  severity: 'high',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['3.6.1', '7.2.2'],
  catalogue: 'I6',
  equivalents: { checkov: ['CKV_AWS_355'], securityHub: ['KMS.1', 'KMS.2'] },
  rationale:
    'Decrypt on "*" reaches every key in the account whose policy delegates to IAM, including other workloads\' data keys.',
  remediation: 'Limit kms:Decrypt to the ARNs of the keys the workload uses.',
  check: (graph) =>
    checkStatements(graph, (s) =>
      (grants(s, 'kms:Decrypt') || grants(s, 'kms:ReEncryptFrom')) &&
      (s.resources.includes('*') || s.notResources.length > 0)
        ? 'allows kms:Decrypt on every key'
        : undefined,
    ),
});
