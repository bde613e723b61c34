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
