import { readPolicy, isAnyPrincipal, isScopedByCondition } from '../../../tfjson/policy';
import { resourceRule } from '../../rule';

/** I3 and I4: a role's trust policy names who may assume it. */
export const iamTrustNotPublic = resourceRule({
  id: 'PAY-IAM-005',
  title: 'IAM role trust policy does not allow any principal to assume the role',
  severity: 'critical',
  resourceTypes: ['aws_iam_role'],
  pci: ['7.2.1', '8.2.2'],
  catalogue: 'I3/I4',
  equivalents: { checkov: ['CKV_AWS_60', 'CKV_AWS_61'], kics: ['12b7e704', 'bcdcbdc6'] },
  rationale:
    'A role everyone (or every service) can assume gives its permissions to anyone with an AWS account.',
  remediation:
    'Name the service principal (ec2.amazonaws.com, ecs-tasks.amazonaws.com) or account in the trust policy.',
  test(role, graph) {
    const p = readPolicy(graph, role, 'assume_role_policy');
    if (!p) return 'role has no assume_role_policy';
    if (!p.ok) return `assume_role_policy cannot be checked: ${p.reason}`;
    return p.statements
      .filter(
        (s) =>
          s.effect === 'Allow' &&
          (isAnyPrincipal(s) || (s.principals['Service'] ?? []).includes('*')) &&
          !isScopedByCondition(s),
      )
      .map((s) => `trust statement ${s.sid ?? '(no Sid)'} allows any principal`);
  },
});
