import { coversPort, isOpenToAnywhere, securityGroupRules } from '../aws';
import { graphRule } from '../rule';

/** G4: no ingress from 0.0.0.0/0 or ::/0 to port 80. */
export const sgNoPublicHttp = graphRule({
  id: 'PAY-SG-004',
  title: 'No security group ingress from anywhere to HTTP (80)',
  severity: 'high',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
  ],
  pci: ['1.3.1', '1.4.2', '2.2.5'],
  catalogue: 'G4',
  equivalents: { checkov: ['CKV_AWS_260'], kics: ['ffac8a12'] },
  rationale:
    'Port 80 open to the internet exposes a service to scanning and brute force from anywhere.',
  remediation: 'Restrict the source to a security group or a known CIDR.',
  check: (graph) =>
    securityGroupRules(graph)
      .filter((r) => r.direction === 'ingress' && isOpenToAnywhere(r) && coversPort(r, 80))
      .map((r) => ({
        address: r.address,
        message: `ingress from ${r.cidrs.join(', ')} includes port 80`,
      })),
});
