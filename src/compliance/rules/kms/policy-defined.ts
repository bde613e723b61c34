import { resourceRule } from '../../rule';
import { keyPolicies } from '../../checks/key-policies';

/** K4. */
export const kmsPolicyDefined = resourceRule({
  id: 'PAY-KMS-004',
  title: 'KMS key has an explicit key policy',
  severity: 'medium',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1', '7.2.1'],
  catalogue: 'K4',
  equivalents: { checkov: ['CKV2_AWS_64'] },
  rationale:
    'The default key policy delegates everything to IAM; an explicit policy documents who may use the key.',
  remediation: 'Set policy on the key or add an aws_kms_key_policy.',
  test: (key, graph) =>
    keyPolicies(key, graph).length > 0 ? undefined : 'key has no policy and no aws_kms_key_policy',
});
