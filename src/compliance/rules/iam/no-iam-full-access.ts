import { graphRule } from '../../rule';
import { checkStatements, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

/** I7. */
export const iamNoIamFullAccess = graphRule({
  id: 'PAY-IAM-004',
  title: 'No IAM policy allows iam:*',
  severity: 'critical',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['7.2.1', '8.2.2'],
  catalogue: 'I7',
  equivalents: { checkov: ['CKV2_AWS_40'] },
  rationale: 'Full IAM access lets a workload create users and attach any policy to itself.',
  remediation: 'Grant only the IAM read actions the workload needs, if any.',
  check: (graph) =>
    checkStatements(graph, (s) =>
      s.actions.some((a) => a === '*' || a.toLowerCase() === 'iam:*') ? 'allows iam:*' : undefined,
    ),
});
