/**
 * The second plan after an apply must be empty but for what the emulator does not read back:
 * attributes the provider wrote and moto does not return, so the provider sees them as
 * changed. Those are an explicit allow-list; any other change fails the rehearsal.
 */

/**
 * [resource type, attribute] the emulator does not return as the provider wrote it (measured
 * with moto 5.2.1 and hashicorp/aws 5.100.0: dev, prod and the Fargate + PostgreSQL example).
 */
export const READ_BACK_GAPS: ReadonlyArray<readonly [string, string]> = [
  // moto keeps no lifecycle-support setting and answers a Serverless v1 scaling block of nulls.
  ['aws_rds_cluster', 'engine_lifecycle_support'],
  ['aws_rds_cluster', 'scaling_configuration'],
  // moto returns an empty capacity-reservation preference and its own service-linked role.
  ['aws_autoscaling_group', 'capacity_reservation_specification'],
  ['aws_autoscaling_group', 'service_linked_role_arn'],
  // The group's template version follows the template's latest version, which the template's
  // own read-back gap (its tags) makes unknown in the second plan.
  ['aws_autoscaling_group', 'launch_template'],
  // moto does not keep a scaling policy's `Enabled` and answers an empty predictive block.
  ['aws_autoscaling_policy', 'enabled'],
  ['aws_autoscaling_policy', 'predictive_scaling_configuration'],
  // moto does not return these ECS service settings.
  ['aws_ecs_service', 'availability_zone_rebalancing'],
  ['aws_ecs_service', 'enable_ecs_managed_tags'],
  ['aws_ecs_service', 'health_check_grace_period_seconds'],
  // moto keeps no ICMP type and code on a network ACL entry (the path-MTU rule).
  ['aws_default_network_acl', 'ingress'],
  ['aws_default_network_acl', 'egress'],
  ['aws_kms_key', 'rotation_period_in_days'],
  ['aws_rds_cluster_instance', 'performance_insights_enabled'],
  ['aws_rds_cluster_instance', 'performance_insights_kms_key_id'],
  ['aws_rds_cluster_instance', 'performance_insights_retention_period'],
  ['aws_rds_cluster_instance', 'monitoring_interval'],
  ['aws_rds_cluster_instance', 'monitoring_role_arn'],
  ['aws_rds_cluster', 'performance_insights_enabled'],
  ['aws_rds_cluster', 'performance_insights_kms_key_id'],
  ['aws_rds_cluster', 'performance_insights_retention_period'],
  ['aws_rds_cluster', 'database_insights_mode'],
  ['aws_rds_cluster_parameter_group', 'parameter'],
  ['aws_db_parameter_group', 'parameter'],
  ['aws_autoscaling_group', 'default_instance_warmup'],
  ['aws_autoscaling_group', 'max_instance_lifetime'],
  ['aws_autoscaling_group', 'instance_maintenance_policy'],
  ['aws_launch_template', 'tag_specifications'],
  ['aws_vpc_security_group_ingress_rule', 'description'],
  ['aws_vpc_security_group_egress_rule', 'description'],
];

interface PlanChange {
  readonly address: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
  };
}

export interface Drift {
  /** Changes on the allow-list: shown as SKIPPED with the reason. */
  readonly known: readonly string[];
  /** Anything else: fails the rehearsal. */
  readonly unexpected: readonly string[];
}

/** Sorts the second plan's changes into known read-back gaps and unexpected drift. */
export function classifyDrift(plan: { readonly resource_changes?: readonly PlanChange[] }): Drift {
  const known: string[] = [];
  const unexpected: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.length === 1 && (actions[0] === 'no-op' || actions[0] === 'read')) continue;
    if (actions.join(',') !== 'update') {
      unexpected.push(`${rc.address}: ${actions.join(' and ')}`);
      continue;
    }
    const changed = changedAttributes(rc.change.before, rc.change.after);
    const gaps = new Set(READ_BACK_GAPS.filter(([t]) => t === rc.type).map(([, a]) => a));
    const other = changed.filter((a) => !gaps.has(a));
    if (other.length > 0)
      unexpected.push(
        `${rc.address}: ${other.map((a) => `${a} ${shown(rc.change.before, a)} -> ${shown(rc.change.after, a)}`).join(', ')}`,
      );
    else known.push(`${rc.address}: ${changed.join(', ')} (not read back by the emulator)`);
  }
  return { known, unexpected };
}

function shown(values: unknown, attribute: string): string {
  const text = JSON.stringify((values as Record<string, unknown> | null | undefined)?.[attribute]);
  return text === undefined ? '(unset)' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function changedAttributes(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && a[k] !== undefined)
    .sort();
}
