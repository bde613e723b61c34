import { IAM_TYPES } from '../../checks/identity-policies';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';
import { stringList } from '../../graph';

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
  check(graph) {
    const out: Violation[] = [];
    for (const type of [
      'aws_iam_role_policy_attachment',
      'aws_iam_policy_attachment',
      'aws_iam_user_policy_attachment',
      'aws_iam_group_policy_attachment',
    ]) {
      for (const a of graph.resources(type)) {
        const arn = a.attrs['policy_arn'];
        if (typeof arn === 'string' && FORBIDDEN.test(arn))
          out.push({ address: a.address, message: `attaches ${arn}` });
      }
    }
    for (const role of graph.resources('aws_iam_role')) {
      for (const arn of stringList(role.attrs['managed_policy_arns'])) {
        if (FORBIDDEN.test(arn)) out.push({ address: role.address, message: `attaches ${arn}` });
      }
    }
    return out;
  },
});
