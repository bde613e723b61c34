import { IAM_TYPES, managedPolicyAttachments } from '../../checks/identity-policies';
import { graphRule } from '../../rule';

const FORBIDDEN = /:policy\/(AdministratorAccess|IAMFullAccess|PowerUserAccess)$/;

/** I1/I7 via AWS managed policies. */
export const iamNoAdminManagedPolicy = graphRule({
  id: 'PAY-IAM-006',
  title: 'No AdministratorAccess, PowerUserAccess or IAMFullAccess attachment',
  severity: 'critical',
  resourceTypes: IAM_TYPES,
  pci: ['7.2.1', '7.2.2'],
  catalogue: 'I1/I7',
  equivalents: { checkov: ['CKV_AWS_274', 'CKV2_AWS_56'], cdkNag: ['AwsSolutions-IAM4'] },
  rationale: 'These AWS managed policies grant (nearly) everything; no workload needs them.',
  remediation: 'Attach a customer managed policy with the needed actions.',
  check: (graph) =>
    managedPolicyAttachments(graph)
      .filter((a) => FORBIDDEN.test(a.arn))
      .map((a) => ({ address: a.address, message: `attaches ${a.arn}` })),
});
