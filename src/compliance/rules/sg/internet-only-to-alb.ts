import {
  attachmentsOf,
  isInternetFacing,
  isOpenToAnywhere,
  LOAD_BALANCER_TYPES,
  securityGroupRules,
} from '../../../tfjson/aws';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

const WEB_PORTS = [80, 443];

/** Graph: the only ingress from the internet is 80/443 to an internet-facing load balancer. */
export const sgInternetOnlyToAlb = graphRule({
  id: 'PAY-SG-008',
  title: 'Only the internet-facing load balancer accepts traffic from anywhere, on 80/443 only',
  severity: 'critical',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
  ],
  pci: ['1.3.1', '1.4.1', '1.4.2'],
  equivalents: { securityHub: ['EC2.18'], cdkNag: ['AwsSolutions-EC23'] },
  rationale:
    "The segmentation model is internet -> ALB -> app -> database: the ALB is the only component in the untrusted network's reach.",
  remediation:
    "Remove internet ingress from every group except the ALB's, and keep the ALB's to TCP 443 (and 80 for the redirect).",
  check(graph) {
    const out: Violation[] = [];
    for (const r of securityGroupRules(graph)) {
      if (r.direction !== 'ingress' || !isOpenToAnywhere(r)) continue;
      const web =
        (r.protocol === 'tcp' || r.protocol === '6') &&
        r.fromPort !== undefined &&
        r.fromPort === r.toPort &&
        WEB_PORTS.includes(r.fromPort);
      const sg = r.group ? graph.block(r.group) : undefined;
      // Every user of the group must be an internet-facing load balancer: a group shared
      // with instances or tasks would open 80/443 on them too.
      const users = sg ? attachmentsOf(graph, sg) : [];
      const onPublicLb =
        users.length > 0 &&
        users.every((b) => LOAD_BALANCER_TYPES.includes(b.type) && isInternetFacing(b));
      if (!web) {
        out.push({
          address: r.address,
          message: `internet ingress on ${r.protocol} ${r.fromPort ?? '?'}-${r.toPort ?? '?'} (only TCP 80 and 443 are allowed)`,
        });
      } else if (!onPublicLb) {
        out.push({
          address: r.address,
          message: `internet ingress on port ${r.fromPort} to ${r.group ?? 'an unknown group'}, which is not attached only to an internet-facing load balancer`,
        });
      }
    }
    return out;
  },
});
