import { blockList } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** L13. */
export const albTargetHealthCheck = resourceRule({
  id: 'PAY-ALB-010',
  title: 'Target group defines a health check',
  severity: 'low',
  resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group'],
  pci: ['12.10.1'],
  catalogue: 'L13',
  equivalents: { checkov: ['CKV_AWS_261'] },
  rationale: 'Without an explicit health check, unhealthy targets keep receiving payment traffic.',
  remediation: 'Add a health_check block with a path and matcher.',
  test: (tg) => {
    const hc = blockList(tg.attrs['health_check']);
    if (hc.length === 0) return 'target group has no health_check block';
    return hc.some((h) => h['enabled'] === false) ? 'health check is disabled' : undefined;
  },
});
