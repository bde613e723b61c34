import { isAllProtocols, isOpenToAnywhere, securityGroupRules } from '../../../tfjson/aws';
import { graphRule } from '../../rule';

/** G5: no all-port / all-protocol ingress from anywhere. */
export const sgNoPublicAllPorts = graphRule({
  id: 'PAY-SG-005',
  title: 'No security group ingress from anywhere on all ports or protocols',
  severity: 'critical',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
  ],
  pci: ['1.3.1', '1.4.2'],
  catalogue: 'G5',
  equivalents: {
    checkov: ['CKV_AWS_277'],
    kics: ['4728cd65', '590d878b', '381c3f2a'],
    securityHub: ['EC2.18'],
    cdkNag: ['AwsSolutions-EC23'],
  },
  rationale: 'An all-ports rule from the internet removes the network security control entirely.',
  remediation: 'Allow only the ports the tier serves, from the sources that need them.',
  check: (graph) =>
    securityGroupRules(graph)
      .filter(
        (r) =>
          r.direction === 'ingress' &&
          isOpenToAnywhere(r) &&
          (isAllProtocols(r) ||
            (r.fromPort !== undefined && r.toPort !== undefined && r.toPort - r.fromPort >= 1024) ||
            r.fromPort === -1),
      )
      .map((r) => ({
        address: r.address,
        message: `ingress from ${r.cidrs.join(', ')} on ${isAllProtocols(r) ? 'all protocols' : `ports ${r.fromPort}-${r.toPort}`}`,
      })),
});
