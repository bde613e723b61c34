import { attachmentsOf } from '../../../tfjson/aws';
import { resourceRule } from '../../rule';

/** G7: every security group is used. */
export const sgAttached = resourceRule({
  id: 'PAY-SG-007',
  title: 'Security group is attached to a resource',
  severity: 'low',
  resourceTypes: ['aws_security_group'],
  pci: ['1.2.7'],
  catalogue: 'G7',
  equivalents: { checkov: ['CKV2_AWS_5'], kics: ['4849211b'] },
  rationale:
    'Unused groups are unreviewed rule sets waiting to be attached to something by mistake.',
  remediation: 'Attach the group to the resource it was made for, or remove it.',
  test: (sg, graph) =>
    attachmentsOf(graph, sg).length > 0
      ? undefined
      : 'security group is not attached to any resource',
});
