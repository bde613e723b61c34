import { attributeRule, isTrue } from '../../rule';

/** A1. */
export const acmCreateBeforeDestroy = attributeRule({
  id: 'PAY-ACM-001',
  title: 'ACM certificate is replaced create-before-destroy',
  severity: 'low',
  resourceTypes: ['aws_acm_certificate'],
  pci: ['4.2.1.1'],
  catalogue: 'A1',
  equivalents: { checkov: ['CKV_AWS_233'] },
  rationale:
    'A listener cannot lose its certificate: the replacement must exist before the old one is deleted.',
  remediation: 'Set lifecycle.create_before_destroy = true.',
  attribute: 'lifecycle.create_before_destroy',
  complies: isTrue,
  problem: 'lifecycle.create_before_destroy is not true',
});
