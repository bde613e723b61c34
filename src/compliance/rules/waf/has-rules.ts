import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** F1. */
export const wafHasRules = resourceRule({
  id: 'PAY-WAF-001',
  title: 'WAF web ACL has at least one rule',
  severity: 'high',
  resourceTypes: ['aws_wafv2_web_acl'],
  pci: ['6.4.2'],
  catalogue: 'F1',
  equivalents: { checkov: ['CKV_AWS_175'], securityHub: ['WAF.10'] },
  rationale:
    'An empty web ACL inspects nothing: the public application is effectively unprotected.',
  remediation:
    'Add managed rule groups (AWSManagedRulesCommonRuleSet, KnownBadInputs, SQLi) to the web ACL.',
  test: (acl) => (blockList(acl.attrs['rule']).length > 0 ? undefined : 'web ACL has no rules'),
});
