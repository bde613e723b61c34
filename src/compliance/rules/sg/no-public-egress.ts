import { isOpenToAnywhere, securityGroupRules } from '../../../tfjson/aws';
import { graphRule } from '../../rule';

/** G6: no egress to anywhere (Trivy's stricter form, on every port). */
export const sgNoPublicEgress = graphRule({
  id: 'PAY-SG-006',
  title: 'No security group egress to anywhere',
  severity: 'high',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_egress_rule',
  ],
  pci: ['1.3.2', '1.4.1'],
  catalogue: 'G6',
  equivalents: { checkov: ['CKV_AWS_382'], trivy: ['AWS-0104'] },
  rationale:
    'Outbound traffic from the cardholder data environment must be limited to what is necessary; open egress eases exfiltration.',
  remediation:
    'Scope egress to security groups, VPC endpoints or known CIDRs; where internet egress is required, limit it to 443 and suppress with the reason.',
  check: (graph) =>
    securityGroupRules(graph)
      .filter((r) => r.direction === 'egress' && isOpenToAnywhere(r))
      .map((r) => ({
        address: r.address,
        message: `egress to ${r.cidrs.join(', ')} on ${r.protocol === '-1' ? 'all protocols' : `${r.protocol} ${r.fromPort}-${r.toPort}`}`,
      })),
});
