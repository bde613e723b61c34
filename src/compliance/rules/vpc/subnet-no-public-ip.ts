import { attributeRule, isTrue } from '../../rule';

/** V3: subnets do not assign public IPs. */
export const vpcSubnetNoPublicIp = attributeRule({
  id: 'PAY-VPC-003',
  title: 'Subnet does not auto-assign public IP addresses',
  severity: 'medium',
  resourceTypes: ['aws_subnet'],
  pci: ['1.3.1', '1.4.1'],
  catalogue: 'V3',
  equivalents: {
    checkov: ['CKV_AWS_130'],
    trivy: ['AWS-0164'],
    kics: ['52f04a44'],
    securityHub: ['EC2.15'],
    cdkNag: ['PCI.DSS.321-VPCSubnetAutoAssignPublicIpDisabled'],
  },
  rationale:
    'Instances with public addresses are reachable from the internet; the ALB and NAT gateways do not need the setting.',
  remediation: 'Set map_public_ip_on_launch = false.',
  attribute: 'map_public_ip_on_launch',
  complies: (v) => !isTrue(v),
  problem: 'map_public_ip_on_launch is true',
});
