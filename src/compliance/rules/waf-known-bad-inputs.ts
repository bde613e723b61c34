import { blockList } from '../graph';
import { resourceRule } from '../rule';

/** F3: Log4j and similar known bad inputs. */
export const wafKnownBadInputs = resourceRule({
  id: 'PAY-WAF-003',
  title: 'WAF web ACL includes the Known Bad Inputs managed rule group',
  severity: 'high',
  resourceTypes: ['aws_wafv2_web_acl'],
  pci: ['6.4.2', '6.3.3'],
  catalogue: 'F3',
  equivalents: { checkov: ['CKV_AWS_192', 'CKV2_AWS_76'] },
  rationale:
    'AWSManagedRulesKnownBadInputsRuleSet blocks request patterns of known exploits such as Log4Shell.',
  remediation:
    'Add a rule with managed_rule_group_statement { vendor_name = "AWS", name = "AWSManagedRulesKnownBadInputsRuleSet" } and override_action none.',
  test: (acl) =>
    JSON.stringify(blockList(acl.attrs['rule'])).includes('AWSManagedRulesKnownBadInputsRuleSet')
      ? undefined
      : 'web ACL does not use AWSManagedRulesKnownBadInputsRuleSet',
});
