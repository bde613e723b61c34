import type { Block, StackGraph } from '../../tfjson/graph';
import { blockList, stringList } from '../../tfjson/graph';
import type { PolicyResult, Statement } from '../../tfjson/policy';
import { actionMatches, policyFromValue, readPolicy } from '../../tfjson/policy';
import type { Violation } from '../rule';

/** Resource types that carry identity-based policies (`policy` attribute). */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
];

export const IAM_TYPES = [
  ...IDENTITY_POLICY_TYPES,
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
];

/** Every identity policy in the stack with the block that holds it. */
export function identityPolicies(
  graph: StackGraph,
): Array<{ holder: Block; policy: PolicyResult }> {
  const all = allPolicies(graph);
  const boundaries = permissionsBoundaries(graph, all);
  return all.filter(({ holder }) => !boundaries.has(holder));
}

/**
 * The managed policies of the stack that are permissions boundaries, not grants: named as the
 * boundary by an `iam:PermissionsBoundary` condition or a `permissions_boundary` attribute of
 * the stack, and attached to no principal in it. A boundary only caps what a role's own
 * policies allow ("Permissions boundaries for IAM entities":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), so the
 * rules about what a policy grants do not read it; PAY-ACCT-014 checks its denials.
 */
export function permissionsBoundaries(
  graph: StackGraph,
  all: ReadonlyArray<{ holder: Block; policy: PolicyResult }> = allPolicies(graph),
): Set<Block> {
  const named = new Set<string>();
  for (const { policy } of all) {
    if (!policy.ok) continue;
    for (const s of policy.statements)
      for (const keys of Object.values(s.conditions))
        for (const [key, values] of Object.entries(keys))
          if (key.toLowerCase() === 'iam:permissionsboundary') values.forEach((v) => named.add(v));
  }
  for (const type of ['aws_iam_role', 'aws_iam_user'])
    for (const b of graph.resources(type)) {
      const arn = b.attrs['permissions_boundary'];
      if (typeof arn === 'string') named.add(arn);
    }
  const attached = new Set(managedPolicyAttachments(graph).map((a) => a.arn));
  const out = new Set<Block>();
  for (const policy of graph.resources('aws_iam_policy')) {
    const name = policy.attrs['name'];
    const reference = `\${${policy.address}.arn}`;
    const names = (arn: string) =>
      arn === reference || (typeof name === 'string' && arn.endsWith(`:policy/${name}`));
    if ([...named].some(names) && ![...attached].some(names)) out.add(policy);
  }
  return out;
}

function allPolicies(graph: StackGraph): Array<{ holder: Block; policy: PolicyResult }> {
  const out: Array<{ holder: Block; policy: PolicyResult }> = [];
  for (const type of IDENTITY_POLICY_TYPES) {
    for (const b of graph.resources(type)) {
      if (type === 'aws_iam_role') {
        for (const inline of blockList(b.attrs['inline_policy'])) {
          if (inline['policy'] !== undefined)
            out.push({ holder: b, policy: policyFromValue(graph, inline['policy']) });
        }
        continue;
      }
      const p = readPolicy(graph, b);
      if (p) out.push({ holder: b, policy: p });
    }
  }
  return out;
}

/** Violations for every Allow statement matching `bad`, plus unreadable policies. */
export function checkStatements(
  graph: StackGraph,
  bad: (s: Statement) => string | undefined,
): Violation[] {
  const out: Violation[] = [];
  for (const { holder, policy } of identityPolicies(graph)) {
    if (!policy.ok) {
      out.push({ address: holder.address, message: `policy cannot be checked: ${policy.reason}` });
      continue;
    }
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      const message = bad(s);
      if (message)
        out.push({
          address: holder.address,
          message: `statement ${s.sid ?? '(no Sid)'}: ${message}`,
        });
    }
  }
  return out;
}

/** True when an Allow grants `action` (via wildcards or NotAction). */
export function grants(s: Statement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((p) => actionMatches(p, action));
  return s.actions.some((p) => actionMatches(p, action));
}

export function onAnyResource(s: Statement): boolean {
  return s.resources.includes('*') || s.notResources.length > 0;
}

/** Every AWS managed policy ARN attached to a role, user or group, with where it is attached. */
export function managedPolicyAttachments(
  graph: StackGraph,
): Array<{ readonly address: string; readonly arn: string }> {
  const out: Array<{ address: string; arn: string }> = [];
  for (const type of [
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
  ]) {
    for (const a of graph.resources(type)) {
      const arn = a.attrs['policy_arn'];
      if (typeof arn === 'string') out.push({ address: a.address, arn });
    }
  }
  for (const role of graph.resources('aws_iam_role')) {
    for (const arn of stringList(role.attrs['managed_policy_arns'])) {
      out.push({ address: role.address, arn });
    }
  }
  return out;
}
