import { graphRule } from '../../rule';
import { wildcard } from '../../../tfjson/policy';
import { eachCiRole, names } from '../../checks/ci-roles';

/** IAM writes that give a new or existing role permissions. */
const ROLE_GRANTS = [
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePermissionsBoundary',
];

/**
 * A CI apply role creates roles only under the permissions boundary (iam:PermissionsBoundary
 * on every call that creates a role or gives one permissions: "Permissions boundaries for IAM
 * entities", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html),
 * and passes only the roles of its own environment (`role/payment-*-<env>`: names end in the
 * suffix, and a trailing `*` would also pass the roles of `<env>2` or `<env>-eu`).
 */
export const acctCiApplyIam = graphRule({
  id: 'PAY-ACCT-013',
  title: "CI apply roles create roles only under the boundary and pass only their environment's",
  severity: 'critical',
  resourceTypes: ['aws_iam_role'],
  pci: ['7.2.1', '7.2.2', '6.5.4'],
  equivalents: {},
  rationale:
    'A deploy identity that may create a role without a boundary, or pass any role, can give itself (through a new role) every permission in the account: the least privilege of its own policy is then void.',
  remediation:
    'Grant iam:CreateRole, iam:PutRolePolicy, iam:AttachRolePolicy only with StringEquals iam:PermissionsBoundary = the boundary ARN, and iam:PassRole only on arn:aws:iam::<account>:role/payment-*-<env> (src/permissions/deploy-policy.ts does).',
  check(graph) {
    return eachCiRole(graph, 'apply', (ci, statements, out) => {
      const address = ci.role.address;
      for (const s of statements.filter((st) => st.effect === 'Allow')) {
        const where = `statement ${s.sid ?? '(no Sid)'}`;
        const grants = ROLE_GRANTS.filter((a) => names(s, a));
        const boundary = s.conditions['StringEquals']?.['iam:PermissionsBoundary'] ?? [];
        if (grants.length > 0 && (boundary.length !== 1 || /[*?]/.test(boundary[0]!)))
          out.push({
            address,
            message: `${where}: allows ${grants.join(', ')} without StringEquals iam:PermissionsBoundary naming one boundary`,
          });
        if (names(s, 'iam:PassRole')) {
          const env = ci.environment;
          const wide = s.resources.filter((r) => {
            const role = r.split(':role/')[1];
            return (
              !env ||
              role === undefined ||
              !role.endsWith(`-${env}`) ||
              wildcard(role).test('unrelated-role')
            );
          });
          if (s.notResources.length > 0 || wide.length > 0)
            out.push({
              address,
              message: `${where}: allows iam:PassRole on ${JSON.stringify(s.notResources.length > 0 ? 'NotResource' : wide)}, not only roles of environment ${env ?? '(untagged)'}`,
            });
        }
      }
    });
  },
});
