import { blockList, referrers } from '../../../tfjson/graph';
import { resourceRule } from '../../rule';

/** V2: the default security group is managed and has no rules. */
export const vpcDefaultSgClosed = resourceRule({
  id: 'PAY-VPC-002',
  title: 'VPC default security group is managed and has no rules',
  severity: 'high',
  resourceTypes: ['aws_vpc'],
  pci: ['1.2.1', '1.3.1', '2.2.1'],
  catalogue: 'V2',
  equivalents: {
    checkov: ['CKV2_AWS_12'],
    trivy: ['AWS-0173'],
    kics: ['9a4ef195', '46883ce1'],
    securityHub: ['EC2.2'],
    cdkNag: ['PCI.DSS.321-VPCDefaultSecurityGroupClosed'],
  },
  rationale:
    'The default group allows all traffic between its members and all egress; anything launched without a group lands in it.',
  remediation:
    'Declare aws_default_security_group for the VPC with no ingress or egress blocks (Terraform then removes its rules).',
  test(vpc, graph) {
    const defaults = referrers(graph, vpc, 'aws_default_security_group', 'vpc_id');
    if (defaults.length === 0)
      return 'VPC has no aws_default_security_group stripping the default rules';
    return defaults
      .filter(
        (d) => blockList(d.attrs['ingress']).length > 0 || blockList(d.attrs['egress']).length > 0,
      )
      .map((d) => `${d.address} keeps ingress or egress rules`);
  },
});
