import { attr, blockList } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/** F5. */
export const wafMetrics = resourceRule({
  id: 'PAY-WAF-005',
  title: 'WAF web ACL and its rules publish CloudWatch metrics',
  severity: 'low',
  resourceTypes: ['aws_wafv2_web_acl'],
  pci: ['10.4.1'],
  catalogue: 'F5',
  equivalents: { securityHub: ['WAF.12'] },
  rationale: 'Metrics let alarms notice a surge of blocked requests, an attack in progress.',
  remediation:
    'Set visibility_config.cloudwatch_metrics_enabled = true on the web ACL and on every rule.',
  test(acl) {
    const out: string[] = [];
    if (!isTrue(attr(acl.attrs, 'visibility_config.cloudwatch_metrics_enabled')))
      out.push('web ACL does not publish CloudWatch metrics');
    for (const r of blockList(acl.attrs['rule'])) {
      if (!isTrue(attr(r, 'visibility_config.cloudwatch_metrics_enabled'))) {
        out.push(`rule ${JSON.stringify(r['name'] ?? '?')} does not publish CloudWatch metrics`);
      }
    }
    return out;
  },
});
