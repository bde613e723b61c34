import type { Attrs } from '../../../tfjson/graph';
import { attr, blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

const RULE_GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

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
  test(acl) {
    const groups = blockList(acl.attrs['rule']).filter(
      (r) => attr(r, 'statement.managed_rule_group_statement.name') === RULE_GROUP,
    );
    if (groups.length === 0) return `web ACL does not use ${RULE_GROUP}`;
    const problems = groups.map(weaknessesOf);
    return problems.some((p) => p.length === 0) ? undefined : problems.flat();
  },
});

/**
 * Why a rule using the group does not protect, as CKV_AWS_192 reads it: an override_action
 * other than none (count) stops it blocking, and Log4JRCE must not be excluded or overridden
 * to count or allow.
 */
function weaknessesOf(rule: Attrs): string[] {
  const out: string[] = [];
  const override = blockList(rule['override_action'])[0];
  const modes = override ? Object.keys(override) : [];
  if (modes.some((k) => k !== 'none'))
    out.push(`${RULE_GROUP} runs with override_action ${modes.join(', ')}, so it does not block`);
  const group = blockList(attr(rule, 'statement.managed_rule_group_statement'))[0] ?? {};
  const excluded = blockList(group['excluded_rule']).some((e) => e['name'] === 'Log4JRCE');
  const relaxed = blockList(group['rule_action_override']).some(
    (o) =>
      o['name'] === 'Log4JRCE' &&
      blockList(o['action_to_use']).some((a) => 'count' in a || 'allow' in a),
  );
  if (excluded || relaxed) out.push(`${RULE_GROUP} does not block Log4JRCE`);
  return out;
}
