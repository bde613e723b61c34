import type { Violation } from '../../rule';
import { graphRule } from '../../rule';
import { referrers } from '../../../tfjson/graph';
import {
  isInternetCidr,
  naclAllows,
  networkAclEntries,
  REMOTE_ADMIN_PORTS,
} from '../../../tfjson/aws';

/**
 * The default network ACL is managed, and no network ACL admits SSH or RDP from the internet.
 * AWS creates every VPC's default ACL allowing all traffic in and out, and every subnet not
 * associated with another ACL uses it. Security Hub EC2.21 (PCI DSS v4.0.1/1.3.1) checks the
 * 22/3389 half, but "doesn't generate findings for a default network ACL" (Security Hub User
 * Guide, EC2 controls: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21);
 * this rule checks the default ACL too, because it is the one this project's subnets use.
 */
export const vpcDefaultNaclClosed = graphRule({
  id: 'PAY-VPC-009',
  title: 'Default network ACL is managed, and no network ACL admits SSH or RDP from anywhere',
  severity: 'high',
  resourceTypes: ['aws_vpc', 'aws_default_network_acl', 'aws_network_acl', 'aws_network_acl_rule'],
  pci: ['1.2.1', '1.3.1'],
  // Checkov's NACLUnrestrictedIngress3389 and ...22 (checks/resource/aws in its source).
  equivalents: { checkov: ['CKV_AWS_231', 'CKV_AWS_232'], securityHub: ['EC2.21'] },
  rationale:
    'The default network ACL allows all traffic until it is managed; an ACL that admits 22 or 3389 from the internet leaves remote administration one security-group mistake away from the world.',
  remediation:
    'Declare aws_default_network_acl for the VPC (default_network_acl_id = the VPC default_network_acl_id) with only the rules the tiers need, none of them covering TCP 22 or 3389 from 0.0.0.0/0 or ::/0.',
  check(graph) {
    const out: Violation[] = [];
    for (const vpc of graph.resources('aws_vpc')) {
      const managed = referrers(graph, vpc, 'aws_default_network_acl', 'default_network_acl_id');
      if (managed.length === 0)
        out.push({
          address: vpc.address,
          message:
            'VPC has no aws_default_network_acl: its default ACL keeps AWS’s allow-all rules for every subnet that uses it',
        });
    }
    for (const e of networkAclEntries(graph)) {
      if (e.egress || !e.cidrs.some(isInternetCidr)) continue;
      for (const port of REMOTE_ADMIN_PORTS) {
        if (naclAllows(e, port) || naclAllows(e, port, 'udp'))
          out.push({
            address: e.address,
            message: `rule ${e.ruleNo ?? '?'} admits port ${port} from ${e.cidrs.join(', ')}`,
          });
      }
    }
    return out;
  },
});
