import { LOAD_BALANCER_TYPES } from '../../../tfjson/aws';
import { attributeRule, isTrue } from '../../rule';

/** L2, in prod only: dev and staging must stay destroyable (docs/system.md section 4). */
export const albDeletionProtection = attributeRule({
  id: 'PAY-ALB-002',
  title: 'Load balancer has deletion protection in prod',
  severity: 'medium',
  resourceTypes: LOAD_BALANCER_TYPES,
  pci: ['12.10.1'],
  catalogue: 'L2',
  equivalents: { checkov: ['CKV_AWS_150'], kics: ['afecd1f1'], securityHub: ['ELB.6'] },
  rationale:
    'An accidental destroy of the production entry point is an outage of the payment service. Non-production stacks are meant to be destroyable, so the rule applies to prod.',
  remediation: 'Set enable_deletion_protection = true (the prod profile does).',
  attribute: 'enable_deletion_protection',
  complies: isTrue,
  problem: 'enable_deletion_protection is not true in a prod stack',
  prodOnly: true,
});
