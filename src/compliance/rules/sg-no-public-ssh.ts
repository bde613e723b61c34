import { coversPort, isOpenToAnywhere, securityGroupRules } from '../aws';
import { graphRule } from '../rule';

/** G2: no ingress from 0.0.0.0/0 or ::/0 to port 22. */
export const sgNoPublicSsh = graphRule({
  id: 'PAY-SG-002',
  title: 'No security group ingress from anywhere to SSH (22)',
  severity: 'critical',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
  ],
  pci: ['1.3.1', '1.4.2', '2.2.5'],
  catalogue: 'G2',
  equivalents: {
    checkov: ['CKV_AWS_24'],
    trivy: ['AWS-0107'],
    kics: ['65905cec'],
    securityHub: ['EC2.13', 'EC2.19'],
    cdkNag: ['PCI.DSS.321-EC2RestrictedSSH'],
  },
  rationale:
    'Port 22 open to the internet exposes a service to scanning and brute force from anywhere.',
  remediation: 'Restrict the source to a security group or a known CIDR.',
  check: (graph) =>
    securityGroupRules(graph)
      .filter((r) => r.direction === 'ingress' && isOpenToAnywhere(r) && coversPort(r, 22))
      .map((r) => ({
        address: r.address,
        message: `ingress from ${r.cidrs.join(', ')} includes port 22`,
      })),
});
