import { graphRule } from '../../rule';
import {
  denies,
  deniesSomewhere,
  deniesWhere,
  eachCiRole,
  rolePolicies,
} from '../../checks/ci-roles';
import { permissionsBoundaries } from '../../checks/identity-policies';
import type { Statement } from '../../../tfjson/policy';
import { readPolicy, wildcard } from '../../../tfjson/policy';

/** Calls that would change a role's own trust or permissions. */
const SELF_CHANGES = [
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:DeleteRolePolicy',
];
/** Calls that would change one of its managed policies. */
const POLICY_CHANGES = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'];
/** One representative call per control: each must be denied. */
const PROTECTED = [
  ['the trail', 'cloudtrail:StopLogging'],
  ['the trail', 'cloudtrail:DeleteTrail'],
  ['AWS Config', 'config:StopConfigurationRecorder'],
  ['GuardDuty', 'guardduty:DeleteDetector'],
  ['Security Hub', 'securityhub:DisableSecurityHub'],
  ['the state keys', 'kms:ScheduleKeyDeletion'],
  ['the state keys', 'kms:PutKeyPolicy'],
  ['the state buckets', 's3:PutBucketPolicy'],
  ['the state buckets', 's3:DeleteBucket'],
] as const;
/** What a permissions boundary must deny to be one. */
const BOUNDARY_DENIES = [
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'iam:PassRole',
  'cloudtrail:StopLogging',
];

/**
 * A CI apply role cannot change its own trust or policies, the account baseline, or the state
 * buckets and their keys: explicit denials, which no Allow of its generated policy (or a
 * later, wider one) overrides. And every permissions boundary of the stack denies IAM changes
 * and the baseline to the roles it caps.
 */
export const acctCiGuardrails = graphRule({
  id: 'PAY-ACCT-014',
  title: 'CI apply roles cannot change themselves, the state or the baseline; boundaries deny IAM',
  severity: 'critical',
  resourceTypes: ['aws_iam_role', 'aws_iam_policy'],
  pci: ['7.2.1', '7.2.2', '10.3.2', '10.7.1'],
  equivalents: {},
  rationale:
    'A deploy identity that can rewrite its own trust or policy escapes every other limit; one that can stop the trail, Config or GuardDuty, or change the state bucket or its key, can hide or undo changes (PCI DSS 10.3.2 protects audit logs from modification).',
  remediation:
    'Keep the "state-and-guardrails" inline policy of the CI apply role (src/constructs/ci/deploy-roles.ts) and the boundary\'s Deny statements.',
  check(graph) {
    const out = eachCiRole(graph, 'apply', (ci, statements, found) => {
      const address = ci.role.address;
      const open = SELF_CHANGES.filter((a) => !deniesOn(statements, a, 'role', ci.name));
      if (open.length > 0)
        found.push({
          address,
          message: `does not deny itself ${open.join(', ')}: it could change its own trust or policy`,
        });
      for (const { holder } of rolePolicies(graph, ci)) {
        if (holder.type !== 'aws_iam_policy') continue;
        const name = holder.attrs['name'];
        const openPolicy = POLICY_CHANGES.filter(
          (a) => !deniesOn(statements, a, 'policy', typeof name === 'string' ? name : undefined),
        );
        if (openPolicy.length > 0)
          found.push({
            address,
            message: `does not deny ${openPolicy.join(', ')} on its policy ${holder.address}: it could rewrite its own permissions`,
          });
      }
      const missing = PROTECTED.filter(([, action]) => !deniesSomewhere(statements, action));
      if (missing.length > 0)
        found.push({
          address,
          message: `does not deny ${missing.map(([what, action]) => `${action} (${what})`).join(', ')}`,
        });
    });
    for (const boundary of permissionsBoundaries(graph)) {
      const p = readPolicy(graph, boundary);
      if (!p?.ok) continue;
      const missing = BOUNDARY_DENIES.filter((a) => !denies(p.statements, a, '*'));
      if (missing.length > 0)
        out.push({
          address: boundary.address,
          message: `is a permissions boundary that does not deny ${missing.join(', ')} on every resource`,
        });
    }
    return out;
  },
});

/** True when an unconditional Deny covers `action` on the IAM role or policy named `name`. */
function deniesOn(
  statements: readonly Statement[],
  action: string,
  kind: 'role' | 'policy',
  name: string | undefined,
): boolean {
  return deniesWhere(statements, action, (r) => {
    const tail = r.split(`:${kind}/`)[1];
    return tail !== undefined && name !== undefined && wildcard(tail).test(name);
  });
}
