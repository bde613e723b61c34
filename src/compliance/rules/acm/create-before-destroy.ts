import { attr } from '../../graph';
import { isTrue, resourceRule } from '../../rule';

/** A1. */
export const acmCreateBeforeDestroy = resourceRule({
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
  test: (cert) =>
    isTrue(attr(cert.attrs, 'lifecycle.create_before_destroy'))
      ? undefined
      : 'lifecycle.create_before_destroy is not true',
});
