import { coversPort, isOpenToAnywhere, securityGroupRules } from '../../tfjson/aws';
import type { Equivalents, Rule, Severity } from '../rule';
import { graphRule } from '../rule';

/** A rule that forbids ingress from 0.0.0.0/0 or ::/0 to one port (G2-G4). */
export function publicPortRule(options: {
  readonly id: string;
  readonly port: number;
  readonly service: string;
  readonly severity: Severity;
  readonly catalogue: string;
  readonly equivalents: Equivalents;
}): Rule {
  const { port, service } = options;
  return graphRule({
    id: options.id,
    title: `No security group ingress from anywhere to ${service} (${port})`,
    severity: options.severity,
    resourceTypes: [
      'aws_security_group',
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
    ],
    pci: ['1.3.1', '1.4.2', '2.2.5'],
    catalogue: options.catalogue,
    equivalents: options.equivalents,
    rationale: `${service} on port ${port} open to the internet is exposed to scanning and brute force from anywhere.`,
    remediation: 'Restrict the source to a security group or a known CIDR.',
    check: (graph) =>
      securityGroupRules(graph)
        .filter((r) => r.direction === 'ingress' && isOpenToAnywhere(r) && coversPort(r, port))
        .map((r) => ({
          address: r.address,
          message: `ingress from ${r.cidrs.join(', ')} includes port ${port}`,
        })),
  });
}
