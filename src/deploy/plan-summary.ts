/**
 * The reviewer's summary of a saved plan, read from `terraform show -json <plan>`: how many
 * resources are created, updated, replaced and destroyed, and every replacement or
 * destruction of a resource that holds data, by address. This is the authoritative answer to
 * "what will this change do" (the static estimate of `npm run diff` only approximates it).
 */
import type { ValidatedPlan } from './plan-json';

/**
 * Resource types whose replacement or destruction loses data or makes it unreadable: the
 * database, the buckets, the keys that decrypt them, the logs and the secrets.
 */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  aws_rds_cluster: 'database cluster',
  aws_rds_cluster_instance: 'database instance',
  aws_db_instance: 'database instance',
  aws_s3_bucket: 'bucket',
  aws_kms_key: 'KMS key',
  aws_cloudwatch_log_group: 'log group',
  aws_secretsmanager_secret: 'secret',
  aws_ecr_repository: 'container image repository',
};

/** `forget`: taken out of the state and left in AWS (a `removed` block, destroy = false). */
export type ChangeKind = 'create' | 'update' | 'replace' | 'destroy' | 'forget';

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
}

export interface PlanSummary {
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Replacements and destructions of stateful resources, in address order. */
  readonly statefulChanges: readonly (ResourceChange & { readonly what: string })[];
  readonly changes: readonly ResourceChange[];
  /**
   * Resources the plan destroys at one address and creates at another under the same name
   * (a renamed construct without its moves file). @default none (records made before it)
   */
  readonly renamed?: readonly {
    readonly identity: string;
    readonly destroyed: string;
    readonly created: string;
  }[];
}

/** Terraform's action lists: ["create"], ["update"], ["delete","create"] or ["create","delete"], ["delete"], ["forget"]. */
function kindOf(actions: readonly string[]): ChangeKind | undefined {
  if (actions.includes('forget') && !actions.includes('create')) return 'forget';
  const creates = actions.includes('create');
  const deletes = actions.includes('delete');
  if (creates && deletes) return 'replace';
  if (deletes) return 'destroy';
  if (creates) return 'create';
  if (actions.includes('update')) return 'update';
  return undefined; // no-op, read
}

/** The summary of a plan whose shape `validatePlanJson` has checked. */
export function summarizePlan(plan: ValidatedPlan): PlanSummary {
  const counts: Record<ChangeKind, number> = {
    create: 0,
    update: 0,
    replace: 0,
    destroy: 0,
    forget: 0,
  };
  const changes: ResourceChange[] = [];
  for (const rc of plan.resourceChanges) {
    if (rc.mode === 'data') continue;
    const kind = kindOf(rc.actions);
    if (!kind) continue;
    counts[kind]++;
    changes.push({ address: rc.address, type: rc.type, kind });
  }
  const statefulChanges = changes
    .filter((c) => (c.kind === 'replace' || c.kind === 'destroy') && c.type in STATEFUL_TYPES)
    .map((c) => ({ ...c, what: STATEFUL_TYPES[c.type] ?? c.type }))
    .sort((a, b) => a.address.localeCompare(b.address));
  // One destroy and one create of one type and name: the same resource under a new address.
  const byIdentity = new Map<string, { destroyed: string[]; created: string[] }>();
  for (const rc of plan.resourceChanges) {
    const kind = rc.mode === 'managed' ? kindOf(rc.actions) : undefined;
    if (!rc.name || (kind !== 'destroy' && kind !== 'create')) continue;
    const identity = `${rc.type} ${rc.name}`;
    const group = byIdentity.get(identity) ?? { destroyed: [], created: [] };
    (kind === 'destroy' ? group.destroyed : group.created).push(rc.address);
    byIdentity.set(identity, group);
  }
  const renamed = [...byIdentity]
    .filter(([, g]) => g.destroyed.length === 1 && g.created.length === 1)
    .map(([identity, g]) => ({ identity, destroyed: g.destroyed[0]!, created: g.created[0]! }))
    .sort((a, b) => a.destroyed.localeCompare(b.destroyed));
  return { counts, statefulChanges, changes, ...(renamed.length > 0 ? { renamed } : {}) };
}

export function renderSummary(stack: string, summary: PlanSummary): string {
  const { counts } = summary;
  const lines = [
    `Plan for ${stack}: ${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.destroy} to destroy${counts.forget > 0 ? `, ${counts.forget} to forget (left in AWS)` : ''}`,
  ];
  if (summary.statefulChanges.length === 0) {
    lines.push('  No database, bucket, key, log group or secret is replaced or destroyed.');
  } else {
    lines.push(`  DATA AT RISK: ${summary.statefulChanges.length} stateful resource(s):`);
    for (const c of summary.statefulChanges) {
      lines.push(`    ${c.kind === 'replace' ? 'REPLACE' : 'DESTROY'}  ${c.address}  (${c.what})`);
    }
  }
  const renamed = summary.renamed ?? [];
  if (renamed.length > 0) {
    lines.push(
      `  RENAMED? ${renamed.length} resource(s) destroyed at one address and created at another under the same name; record the moves (npm run diff -- --git <ref> --env <name> --write-moves, CONTRIBUTING.md "Renaming a construct") and plan again:`,
    );
    for (const r of renamed) lines.push(`    ${r.destroyed} -> ${r.created}  (${r.identity})`);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether two summaries name the same changes (what `deploy` compares with the record). */
export function sameSummary(a: PlanSummary, b: PlanSummary): boolean {
  const key = (s: PlanSummary) =>
    JSON.stringify({
      counts: s.counts,
      changes: [...s.changes].map((c) => `${c.kind} ${c.address}`).sort(),
    });
  return key(a) === key(b);
}
