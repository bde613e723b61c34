/**
 * What the CI rules (PAY-ACCT-012 to 015) read: the roles CI assumes through an OIDC provider,
 * which environment and kind each is (the tags the account stack writes, src/tfjson/markers.ts),
 * and every policy that applies to a role (inline, `aws_iam_role_policy`, attached managed
 * policies of the same stack).
 */
import type { Block, StackGraph } from '../../tfjson/graph';
import { blockList, stringList } from '../../tfjson/graph';
import { CI_ENVIRONMENT_TAG, CI_PROFILE_TAG, CI_ROLE_TAG } from '../../tfjson/markers';
import type { PolicyResult, Statement } from '../../tfjson/policy';
import { actionMatches, policyFromValue, readPolicy, wildcard } from '../../tfjson/policy';
import type { Violation } from '../rule';

export interface CiRole {
  readonly role: Block;
  /** Literal role name, when the JSON holds one. */
  readonly name: string | undefined;
  readonly kind: 'plan' | 'apply' | undefined;
  readonly environment: string | undefined;
  readonly prod: boolean;
  /** The Allow statements of its trust policy that accept an OIDC web identity. */
  readonly webIdentity: readonly Statement[];
  readonly trust: PolicyResult | undefined;
}

/** True when a statement names `action` (wildcards allowed). */
export function names(s: Statement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((p) => actionMatches(p, action));
  return s.actions.some((p) => actionMatches(p, action));
}

/** Roles that trust an OIDC provider, or carry the CI role tag. */
export function ciRoles(graph: StackGraph): CiRole[] {
  const out: CiRole[] = [];
  for (const role of graph.resources('aws_iam_role')) {
    const trust = readPolicy(graph, role, 'assume_role_policy');
    const webIdentity = trust?.ok
      ? trust.statements.filter(
          (s) =>
            s.effect === 'Allow' &&
            names(s, 'sts:AssumeRoleWithWebIdentity') &&
            (s.principals['Federated'] ?? []).length > 0,
        )
      : [];
    const tags = (role.attrs['tags'] ?? {}) as Record<string, unknown>;
    const kind = tags[CI_ROLE_TAG];
    if (webIdentity.length === 0 && kind === undefined) continue;
    const name = role.attrs['name'];
    const environment = tags[CI_ENVIRONMENT_TAG];
    out.push({
      role,
      name: typeof name === 'string' && !name.includes('${') ? name : undefined,
      kind: kind === 'plan' || kind === 'apply' ? kind : undefined,
      environment: typeof environment === 'string' ? environment : undefined,
      prod: tags[CI_PROFILE_TAG] === 'prod',
      webIdentity,
      trust,
    });
  }
  return out;
}

/** True when `value` names `role` (`${aws_iam_role.x.name}`, `.id`, `.arn`, or its literal name). */
function refersTo(value: unknown, role: Block, name: string | undefined): boolean {
  if (typeof value !== 'string') return false;
  if (['name', 'id', 'arn'].some((a) => value === `\${${role.address}.${a}}`)) return true;
  return name !== undefined && (value === name || value.endsWith(`:role/${name}`));
}

/** Every policy that applies to the role, with the block holding it. */
export function rolePolicies(
  graph: StackGraph,
  ci: CiRole,
): Array<{ holder: Block; policy: PolicyResult }> {
  const out: Array<{ holder: Block; policy: PolicyResult }> = [];
  for (const inline of blockList(ci.role.attrs['inline_policy']))
    if (inline['policy'] !== undefined)
      out.push({ holder: ci.role, policy: policyFromValue(graph, inline['policy']) });
  for (const b of graph.resources('aws_iam_role_policy')) {
    if (!refersTo(b.attrs['role'], ci.role, ci.name)) continue;
    const p = readPolicy(graph, b);
    if (p) out.push({ holder: b, policy: p });
  }
  const attached = [
    ...graph
      .resources('aws_iam_role_policy_attachment')
      .filter((a) => refersTo(a.attrs['role'], ci.role, ci.name))
      .map((a) => a.attrs['policy_arn']),
    ...stringList(ci.role.attrs['managed_policy_arns']),
  ];
  for (const arn of attached) {
    const match =
      typeof arn === 'string' ? /^\$\{(aws_iam_policy\.[^.}]+)\.arn\}$/.exec(arn) : null;
    const block = match ? graph.block(match[1]!) : undefined;
    if (!block) continue;
    const p = readPolicy(graph, block);
    if (p) out.push({ holder: block, policy: p });
  }
  return out;
}

/** The readable statements of the role's policies, and the holders that cannot be read. */
export function roleStatements(
  graph: StackGraph,
  ci: CiRole,
): { statements: Statement[]; unreadable: string[] } {
  const statements: Statement[] = [];
  const unreadable: string[] = [];
  for (const { holder, policy } of rolePolicies(graph, ci)) {
    if (policy.ok) statements.push(...policy.statements);
    else unreadable.push(`${holder.address}: ${policy.reason}`);
  }
  return { statements, unreadable };
}

/** True when an unconditional Deny of `statements` covers `action` on a resource `matches` accepts. */
export function deniesWhere(
  statements: readonly Statement[],
  action: string,
  matches: (resource: string) => boolean,
): boolean {
  return statements.some(
    (s) =>
      s.effect === 'Deny' &&
      names(s, action) &&
      Object.keys(s.conditions).length === 0 &&
      s.resources.some((r) => r === '*' || matches(r)),
  );
}

/** True when an unconditional Deny of `statements` covers `action` on `resource`. */
export function denies(
  statements: readonly Statement[],
  action: string,
  resource: string,
): boolean {
  return deniesWhere(statements, action, (r) => wildcard(r).test(resource));
}

/**
 * Calls `check` with each CI role of `kind` and the statements of its policies; a policy that
 * cannot be read is a violation of its own.
 */
export function eachCiRole(
  graph: StackGraph,
  kind: 'plan' | 'apply',
  check: (ci: CiRole, statements: readonly Statement[], out: Violation[]) => void,
): Violation[] {
  const out: Violation[] = [];
  for (const ci of ciRoles(graph).filter((r) => r.kind === kind)) {
    const { statements, unreadable } = roleStatements(graph, ci);
    for (const u of unreadable)
      out.push({ address: ci.role.address, message: `policy cannot be checked: ${u}` });
    check(ci, statements, out);
  }
  return out;
}

/** True when some Deny statement covers `action` at all (any resource, any condition). */
export function deniesSomewhere(statements: readonly Statement[], action: string): boolean {
  return statements.some((s) => s.effect === 'Deny' && names(s, action));
}
