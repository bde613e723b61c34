/**
 * A reviewed, static table of the arguments whose change makes Terraform replace (destroy
 * and re-create) a resource, for the stateful resources and the load balancer pieces whose
 * names force replacement. It is an estimate from the configuration alone: `npm run plan`
 * (Terraform's own plan against the real state) is authoritative.
 *
 * Reviewed against hashicorp/aws 6.66.0, which @cdktn/provider-aws 25.7.0 is generated from
 * (its package.json `provider.version`): the resource schemas' `ForceNew: true` arguments and
 * the `CustomizeDiff` functions that call `ForceNew`, in hashicorp/terraform-provider-aws
 * internal/service/rds/cluster.go, cluster_instance.go, instance.go; s3/bucket.go; kms/key.go;
 * logs/group.go; secretsmanager/secret.go; elbv2/load_balancer.go, target_group.go; and the
 * documentation pages, which mark them "Forces new resource":
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<type without aws_>
 * (for example .../resources/rds_cluster). Arguments that 6.x added and 5.100.0 lacks
 * (`cluster_scalability_type`, `bucket_namespace`, `region`) are harmless there: a stack on
 * 5.100.0 never sets them.
 */

export interface ReplacementEntry {
  /** Arguments (top-level names) whose change forces a new resource. */
  readonly forceNew: readonly string[];
  /** True when destroying the resource loses data (state a re-create does not bring back). */
  readonly stateful: boolean;
  /** What is lost or interrupted, for the report. */
  readonly impact: string;
  /**
   * Arguments whose change forces a new resource only in some cases (a `CustomizeDiff` that
   * calls `ForceNew`), with the case. Reported as "may replace".
   */
  readonly conditional?: Readonly<Record<string, string>>;
}

/**
 * Provider 6.x adds a top-level `region` to every regional resource and forces replacement
 * when it changes, except between unset and the provider's own Region
 * (internal/provider/sdkv2/region.go).
 */
const REGION: Readonly<Record<string, string>> = {
  region: "when it moves to another Region (unset and the provider's Region are the same)",
};

export const REPLACEMENT_ARGUMENTS: Readonly<Record<string, ReplacementEntry>> = {
  aws_rds_cluster: {
    forceNew: [
      'cluster_identifier',
      'cluster_identifier_prefix',
      'cluster_scalability_type',
      'availability_zones',
      'database_name',
      'db_subnet_group_name',
      'db_system_id',
      'engine',
      'engine_mode',
      'kms_key_id',
      'master_username',
      'snapshot_identifier',
      'source_region',
      'storage_encrypted',
      'restore_to_point_in_time',
      // The block is not ForceNew itself, but each of its arguments is.
      's3_import',
    ],
    stateful: true,
    impact: 'the database cluster and its data (restore from a snapshot)',
    conditional: {
      storage_type: 'for an engine that is not Aurora',
      ...REGION,
    },
  },
  aws_rds_cluster_instance: {
    forceNew: [
      'identifier',
      'identifier_prefix',
      'cluster_identifier',
      'engine',
      'availability_zone',
      'db_subnet_group_name',
      'custom_iam_instance_profile',
    ],
    stateful: true,
    impact: 'a database instance (connections drop; a writer fails over)',
    conditional: REGION,
  },
  aws_db_instance: {
    // `identifier` and `identifier_prefix` are renamed in place since provider 5.0 (the
    // resource's id became the DBI resource id).
    forceNew: [
      'availability_zone',
      'backup_target',
      'character_set_name',
      'custom_iam_instance_profile',
      'db_name',
      'engine',
      'kms_key_id',
      'nchar_character_set_name',
      'restore_to_point_in_time',
      's3_import',
      'snapshot_identifier',
      'storage_encrypted',
      'timezone',
      'username',
    ],
    stateful: true,
    impact: 'the database instance and its data',
    conditional: REGION,
  },
  aws_s3_bucket: {
    forceNew: ['bucket', 'bucket_prefix', 'bucket_namespace', 'object_lock_enabled'],
    stateful: true,
    impact: 'the bucket and every object in it',
    conditional: REGION,
  },
  aws_kms_key: {
    forceNew: [
      'customer_master_key_spec',
      'key_usage',
      'multi_region',
      'custom_key_store_id',
      'xks_key_id',
    ],
    stateful: true,
    impact: 'the key: data encrypted under it can no longer be decrypted once it is deleted',
    conditional: REGION,
  },
  aws_cloudwatch_log_group: {
    forceNew: ['name', 'name_prefix', 'log_group_class'],
    stateful: true,
    impact: 'the log group and its retained events (audit evidence)',
    conditional: REGION,
  },
  aws_secretsmanager_secret: {
    forceNew: ['name', 'name_prefix'],
    stateful: true,
    impact: 'the secret and its versions',
    conditional: REGION,
  },
  aws_lb: {
    forceNew: ['name', 'name_prefix', 'internal', 'load_balancer_type', 'customer_owned_ipv4_pool'],
    stateful: false,
    impact: 'the load balancer: a new DNS name, and downtime unless created before destroyed',
    conditional: {
      subnets: 'for a network load balancer, unless subnets are only added',
      subnet_mapping: 'when an existing mapping changes or is removed',
      security_groups: 'for a network load balancer, between none and some',
      ...REGION,
    },
  },
  aws_lb_target_group: {
    forceNew: [
      'name',
      'name_prefix',
      'port',
      'protocol',
      'protocol_version',
      'target_type',
      'vpc_id',
      'ip_address_type',
    ],
    stateful: false,
    impact: 'the target group: targets re-register; listeners are repointed',
    conditional: REGION,
  },
};

/** The table's entry for a type, if the type is reviewed. */
export function replacementEntry(type: string): ReplacementEntry | undefined {
  return REPLACEMENT_ARGUMENTS[type];
}

const roots = (paths: readonly string[]) => new Set(paths.map((p) => p.split('.')[0]!));

/** The force-new arguments among the changed attribute paths (their top-level names). */
export function forcingArguments(type: string, changedPaths: readonly string[]): string[] {
  const changed = roots(changedPaths);
  return (replacementEntry(type)?.forceNew ?? []).filter((a) => changed.has(a));
}

/** The changed arguments that force a new resource in some cases, each with its case. */
export function conditionalArguments(
  type: string,
  changedPaths: readonly string[],
): { readonly argument: string; readonly when: string }[] {
  const changed = roots(changedPaths);
  return Object.entries(replacementEntry(type)?.conditional ?? {})
    .filter(([argument]) => changed.has(argument))
    .map(([argument, when]) => ({ argument, when }));
}
