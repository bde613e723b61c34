/**
 * The reviewer's summary of a saved plan, read from `terraform show -json <plan>`: how many
 * resources are created, updated, replaced and destroyed, and every replacement or
 * destruction of a resource that holds data, by address. This is the authoritative answer to
 * "what will this change do" (the static estimate of `npm run diff` only approximates it).
 */

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

export type ChangeKind = 'create' | 'update' | 'replace' | 'destroy';

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
}

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{
    readonly address?: string;
    readonly type?: string;
    readonly mode?: string;
    readonly change?: { readonly actions?: readonly string[] };
  }>;
}

/** Terraform's action lists: ["create"], ["update"], ["delete","create"] or ["create","delete"], ["delete"]. */
function kindOf(actions: readonly string[]): ChangeKind | undefined {
  const creates = actions.includes('create');
  const deletes = actions.includes('delete');
  if (creates && deletes) return 'replace';
  if (deletes) return 'destroy';
  if (creates) return 'create';
  if (actions.includes('update')) return 'update';
  return undefined; // no-op, read
}

export function summarizePlan(planJson: unknown): PlanSummary {
  const plan = (planJson ?? {}) as PlanJson;
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, destroy: 0 };
  const changes: ResourceChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data' || !rc.address || !rc.type) continue;
    const kind = kindOf(rc.change?.actions ?? []);
    if (!kind) continue;
    counts[kind]++;
    changes.push({ address: rc.address, type: rc.type, kind });
  }
  const statefulChanges = changes
    .filter((c) => (c.kind === 'replace' || c.kind === 'destroy') && c.type in STATEFUL_TYPES)
    .map((c) => ({ ...c, what: STATEFUL_TYPES[c.type] ?? c.type }))
    .sort((a, b) => a.address.localeCompare(b.address));
  return { counts, statefulChanges, changes };
}

export function renderSummary(stack: string, summary: PlanSummary): string {
  const { counts } = summary;
  const lines = [
    `Plan for ${stack}: ${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.destroy} to destroy`,
  ];
  if (summary.statefulChanges.length === 0) {
    lines.push('  No database, bucket, key, log group or secret is replaced or destroyed.');
  } else {
    lines.push(`  DATA AT RISK: ${summary.statefulChanges.length} stateful resource(s):`);
    for (const c of summary.statefulChanges) {
      lines.push(`    ${c.kind === 'replace' ? 'REPLACE' : 'DESTROY'}  ${c.address}  (${c.what})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
