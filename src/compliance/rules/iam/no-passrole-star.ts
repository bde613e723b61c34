import type { Statement } from '../../../tfjson/policy';
import { wildcard } from '../../../tfjson/policy';
import { graphRule } from '../../rule';
import { checkStatements, grants, IDENTITY_POLICY_TYPES } from '../../checks/identity-policies';

/** A role name no policy of this project would list by name. */
const UNLISTED_ROLE = 'unlisted-role-7f3a9c';

/**
 * True when the statement's resources cover any role: `*`, NotResource, or an ARN pattern
 * whose role name is a bare wildcard (`arn:aws:iam::123456789012:role/*`, `arn:*:iam::*:*`),
 * whatever `${...}` references stand for the partition and account. A whole-string
 * reference (`${aws_iam_role.task.arn}`) names one role.
 */
export function passesAnyRole(s: Statement): boolean {
  if (s.notResources.length > 0) return true;
  return s.resources.some((r) => {
    if (r === '*') return true;
    if (/^\$\{[^}]*\}$/.test(r)) return false;
    const parts = r.split(':');
    if (parts.length < 6) return r.includes('*');
    const service = parts[2] ?? '';
    if (!(service === 'iam' || service.includes('*') || service.includes('${'))) return false;
    const resource = parts.slice(5).join(':');
    if (resource.includes('${')) return false;
    return (
      wildcard(resource).test(`role/${UNLISTED_ROLE}`) ||
      wildcard(resource).test(`role/service-role/${UNLISTED_ROLE}`)
    );
  });
}

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
      grants(s, 'iam:PassRole') && passesAnyRole(s)
        ? 'allows iam:PassRole on every role'
        : undefined,
    ),
});
