import { securityGroupRules } from '../../../tfjson/aws';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** G1: every group and rule is described. */
export const sgDescriptions = graphRule({
  id: 'PAY-SG-001',
  title: 'Security groups and their rules have descriptions',
  severity: 'low',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
  ],
  pci: ['1.2.5', '1.2.7'],
  catalogue: 'G1',
  equivalents: {
    checkov: ['CKV_AWS_23'],
    trivy: ['AWS-0099', 'AWS-0124'],
    kics: ['cb3f5ed6', '68eb4bf3'],
    cdkNag: ['AwsSolutions-EC27'],
  },
  rationale:
    'PCI DSS asks that every allowed port and service be identified and justified; the description is where the justification lives.',
  remediation:
    'Give every security group and every rule a description saying what the traffic is for.',
  check(graph) {
    const out: Violation[] = [];
    for (const sg of graph.resources('aws_security_group')) {
      const d = sg.attrs['description'];
      if (typeof d !== 'string' || d.trim() === '' || d === 'Managed by Terraform') {
        out.push({ address: sg.address, message: 'security group has no description of its own' });
      }
    }
    for (const r of securityGroupRules(graph)) {
      if (!r.description?.trim())
        out.push({ address: r.address, message: `${r.direction} rule has no description` });
    }
    return out;
  },
});
