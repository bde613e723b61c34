import { graphRule } from '../rule';
import { checkStatements, grants, IDENTITY_POLICY_TYPES } from './iam-policies';

/** I5. */
export const iamNoPassRoleStar = graphRule({
  id: 'PAY-IAM-003',
  title: 'No IAM policy allows iam:PassRole on "*"',
  severity: 'critical',
  resourceTypes: IDENTITY_POLICY_TYPES,
  pci: ['7.2.1', '7.2.2'],
  catalogue: 'I5',
  equivalents: { checkov: ['CKV_AWS_286'], trivy: ['AWS-0342'], kics: ['e39bee8c'] },
  rationale:
    'PassRole on any role lets the holder give a service any role in the account: privilege escalation.',
  remediation:
    'Limit iam:PassRole to the ARNs of the roles the workload must pass, with an iam:PassedToService condition.',
  check: (graph) =>
    checkStatements(graph, (s) =>
      grants(s, 'iam:PassRole') && (s.resources.includes('*') || s.notResources.length > 0)
        ? 'allows iam:PassRole on every role'
        : undefined,
    ),
});
