/**
 * A reviewed, static table of the arguments whose change makes Terraform replace (destroy
 * and re-create) a resource, for the stateful resources and the load balancer pieces whose
 * names force replacement. It is an estimate from the configuration alone: `npm run plan`
 * (Terraform's own plan against the real state) is authoritative.
 *
 * Source: the hashicorp/aws provider (v5.x) schema, where these arguments are `ForceNew`,
 * and its documentation pages, which mark them "Forces new resource":
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/<type without aws_>
 * (for example .../resources/rds_cluster). Source files in hashicorp/terraform-provider-aws:
 * internal/service/rds/cluster.go, cluster_instance.go, instance.go; s3/bucket.go;
 * kms/key.go; logs/group.go; secretsmanager/secret.go; elbv2/load_balancer.go,
 * target_group.go.
 */

export interface ReplacementEntry {
  /** Arguments (top-level names) whose change forces a new resource. */
  readonly forceNew: readonly string[];
  /** True when destroying the resource loses data (state a re-create does not bring back). */
  readonly stateful: boolean;
  /** What is lost or interrupted, for the report. */
  readonly impact: string;
}

export const REPLACEMENT_ARGUMENTS: Readonly<Record<string, ReplacementEntry>> = {
  aws_rds_cluster: {
    forceNew: [
      'cluster_identifier',
      'cluster_identifier_prefix',
      'availability_zones',
      'database_name',
      'db_subnet_group_name',
      'engine',
      'engine_mode',
      'kms_key_id',
      'master_username',
      'snapshot_identifier',
      'source_region',
      'storage_encrypted',
      'restore_to_point_in_time',
      's3_import',
    ],
    stateful: true,
    impact: 'the database cluster and its data (restore from a snapshot)',
  },
  aws_rds_cluster_instance: {
    forceNew: [
      'identifier',
      'identifier_prefix',
      'cluster_identifier',
      'engine',
      'availability_zone',
      'db_subnet_group_name',
    ],
    stateful: true,
    impact: 'a database instance (connections drop; a writer fails over)',
  },
  aws_db_instance: {
    forceNew: [
      'identifier',
      'identifier_prefix',
      'availability_zone',
      'character_set_name',
      'db_name',
      'engine',
      'kms_key_id',
      'storage_encrypted',
      'username',
      'snapshot_identifier',
    ],
    stateful: true,
    impact: 'the database instance and its data',
  },
  aws_s3_bucket: {
    forceNew: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
    stateful: true,
    impact: 'the bucket and every object in it',
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
  },
  aws_cloudwatch_log_group: {
    forceNew: ['name', 'name_prefix', 'log_group_class'],
    stateful: true,
    impact: 'the log group and its retained events (audit evidence)',
  },
  aws_secretsmanager_secret: {
    forceNew: ['name', 'name_prefix'],
    stateful: true,
    impact: 'the secret and its versions',
  },
  aws_lb: {
    forceNew: ['name', 'name_prefix', 'internal', 'load_balancer_type', 'customer_owned_ipv4_pool'],
    stateful: false,
    impact: 'the load balancer: a new DNS name, and downtime unless created before destroyed',
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
  },
};

/** The table's entry for a type, if the type is reviewed. */
export function replacementEntry(type: string): ReplacementEntry | undefined {
  return REPLACEMENT_ARGUMENTS[type];
}

/** The force-new arguments among the changed attribute paths (their top-level names). */
export function forcingArguments(type: string, changedPaths: readonly string[]): string[] {
  const entry = replacementEntry(type);
  if (!entry) return [];
  const roots = new Set(changedPaths.map((p) => p.split('.')[0]!));
  return entry.forceNew.filter((a) => roots.has(a));
}
