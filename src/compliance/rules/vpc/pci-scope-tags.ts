import { cdeBoundary } from '../../../analysis/cde-boundary';
import { attr } from '../../../tfjson/graph';
import { PCI_SCOPE_TAG } from '../../../tfjson/markers';
import type { Violation } from '../../rule';
import { graphRule } from '../../rule';

/**
 * Subnets and security groups state the PCI DSS scope the CDE boundary gives them
 * (`src/analysis/cde-boundary.ts`: `cde` where a component stores, processes or transmits card
 * data, `connected` where a component reaches the CDE or affects its security), so AWS-side
 * inventories show the same boundary as the auditor's report and the diagrams.
 */
export const vpcPciScopeTags = graphRule({
  id: 'PAY-VPC-010',
  title:
    'Subnets and security groups are tagged with the PCI DSS scope the CDE boundary gives them',
  severity: 'medium',
  resourceTypes: ['aws_subnet', 'aws_security_group'],
  pci: ['1.2.3', '1.2.4', '12.5.2'],
  equivalents: {},
  rationale:
    'PCI DSS requires the CDE boundary on the network and data-flow diagrams and a documented scope; a subnet or security group whose tag disagrees with what it holds (a database moved into an untagged subnet) is a scope change nobody reviewed.',
  remediation: `Tag each subnet and security group with ${PCI_SCOPE_TAG} = "cde" or "connected" as the auditor's report's CDE boundary lists it (the stacks do this in src/constructs).`,
  check(graph) {
    const out: Violation[] = [];
    const boundary = cdeBoundary(graph);
    for (const member of [...boundary.subnets, ...boundary.securityGroups]) {
      const block = graph.block(member.address);
      if (!block) continue;
      const tag = attr(block.attrs, `tags.${PCI_SCOPE_TAG}`);
      if (tag !== member.scope)
        out.push({
          address: member.address,
          message:
            tag === undefined
              ? `has no ${PCI_SCOPE_TAG} tag; the CDE boundary puts it in scope "${member.scope}" (${member.reason})`
              : `is tagged ${PCI_SCOPE_TAG}=${String(tag)} but the CDE boundary puts it in scope "${member.scope}" (${member.reason})`,
        });
    }
    return out;
  },
});
