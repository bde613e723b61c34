import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** F2. */
export const wafRuleActions = resourceRule({
  id: 'PAY-WAF-002',
  title: 'Every WAF rule has an action or an override action',
  severity: 'medium',
  resourceTypes: ['aws_wafv2_web_acl'],
  pci: ['6.4.2'],
  catalogue: 'F2',
  equivalents: { checkov: ['CKV_AWS_342'] },
  rationale:
    'A rule without an action does not block; a rule group without override_action cannot be deployed as intended.',
  remediation:
    'Give each rule an action (block/allow/count/captcha) or, for rule groups, an override_action.',
  test: (acl) =>
    blockList(acl.attrs['rule'])
      .filter(
        (r) => blockList(r['action']).length === 0 && blockList(r['override_action']).length === 0,
      )
      .map(
        (r) => `rule ${JSON.stringify(r['name'] ?? '?')} has neither action nor override_action`,
      ),
});
