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

import { PLANNED_ENTRIES } from './replacement-planned';

/** Where the nine reviewed entries come from (this header). */
export const REVIEWED_6_66 =
  'hashicorp/aws 6.66.0 source and documentation, reviewed; planned by test:terraform';

export type { ReplacementEntry } from './replacement-entry';
import type { ReplacementEntry } from './replacement-entry';

/**
 * Provider 6.x adds a top-level `region` to every regional resource and forces replacement
 * when it changes, except between unset and the provider's own Region
 * (internal/provider/sdkv2/region.go).
 */
const REGION: Readonly<Record<string, string>> = {
  region: "when it moves to another Region (unset and the provider's Region are the same)",
};

const REVIEWED: Readonly<Record<string, ReplacementEntry>> = {
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
    source: REVIEWED_6_66,
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
    source: REVIEWED_6_66,
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
    source: REVIEWED_6_66,
    conditional: REGION,
  },
  aws_s3_bucket: {
    forceNew: ['bucket', 'bucket_prefix', 'bucket_namespace', 'object_lock_enabled'],
    stateful: true,
    impact: 'the bucket and every object in it',
    source: REVIEWED_6_66,
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
    source: REVIEWED_6_66,
    conditional: REGION,
  },
  aws_cloudwatch_log_group: {
    forceNew: ['name', 'name_prefix', 'log_group_class'],
    stateful: true,
    impact: 'the log group and its retained events (audit evidence)',
    source: REVIEWED_6_66,
    conditional: REGION,
  },
  aws_secretsmanager_secret: {
    forceNew: ['name', 'name_prefix'],
    stateful: true,
    impact: 'the secret and its versions',
    source: REVIEWED_6_66,
    conditional: REGION,
  },
  aws_lb: {
    forceNew: ['name', 'name_prefix', 'internal', 'load_balancer_type', 'customer_owned_ipv4_pool'],
    stateful: false,
    impact: 'the load balancer: a new DNS name, and downtime unless created before destroyed',
    source: REVIEWED_6_66,
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
    source: REVIEWED_6_66,
    conditional: REGION,
  },
};

/** Every type the stacks synthesize: the nine reviewed above and the planned ones. */
export const REPLACEMENT_ARGUMENTS: Readonly<Record<string, ReplacementEntry>> = {
  ...REVIEWED,
  ...PLANNED_ENTRIES,
};

/** The table's entry for a type, if the type is reviewed. */
export function replacementEntry(type: string): ReplacementEntry | undefined {
  return REPLACEMENT_ARGUMENTS[type];
}

/** `launch_template.0.id` -> `launch_template.id`: a changed path without list indices. */
export function argumentPath(changedPath: string): string {
  return changedPath
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .join('.');
}

/**
 * True when a change at `changed` (an argument path) touches the table's `argument`: the same
 * argument, inside it, or a whole block that holds it (added or removed).
 */
export function touches(argument: string, changed: string): boolean {
  return (
    argument === changed || changed.startsWith(`${argument}.`) || argument.startsWith(`${changed}.`)
  );
}

/** The force-new arguments among the changed attribute paths. */
export function forcingArguments(type: string, changedPaths: readonly string[]): string[] {
  const changed = changedPaths.map(argumentPath);
  return (replacementEntry(type)?.forceNew ?? []).filter((a) => changed.some((c) => touches(a, c)));
}

type Attributes = Readonly<Record<string, unknown>>;

/**
 * Conditions the diff can decide from the resource's own values (type `.` argument): `true`
 * replaces, `false` does not, `undefined` cannot be told from the configuration. From the
 * provider's `CustomizeDiff` functions named in the header (elbv2/load_balancer.go: an NLB's
 * subnets and security groups).
 */
const DECIDE: Readonly<
  Record<string, (before: Attributes, after: Attributes) => boolean | undefined>
> = {
  'aws_lb.subnets': (before, after) => {
    if (!('subnets' in after)) return undefined;
    if (lbType(after) !== 'network' || lbType(before) !== 'network') return false;
    const was = listOf(before['subnets']);
    const now = new Set(listOf(after['subnets']));
    // Only adding subnets keeps the network load balancer.
    return !was.every((s) => now.has(s));
  },
  'aws_lb.security_groups': (before, after) => {
    if (!('load_balancer_type' in after) && !('subnets' in after)) return undefined;
    if (lbType(after) !== 'network' || lbType(before) !== 'network') return false;
    return (
      (listOf(before['security_groups']).length === 0) !==
      (listOf(after['security_groups']).length === 0)
    );
  },
  'aws_rds_cluster.storage_type': (_before, after) =>
    typeof after['engine'] === 'string' && !after['engine'].includes('${')
      ? !after['engine'].startsWith('aurora')
      : undefined,
};

function lbType(attrs: Attributes): string {
  const type = attrs['load_balancer_type'];
  return typeof type === 'string' ? type : 'application';
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => JSON.stringify(v)) : [];
}

export interface ConditionalArgument {
  readonly argument: string;
  readonly when: string;
  /** `true`: the condition holds for these values, so the resource is replaced. */
  readonly holds?: boolean;
}

/**
 * The changed arguments that force a new resource in some cases, each with its case; a case
 * decided by the resource's own values is dropped when it does not hold (no NLB case for an
 * application load balancer) and marked when it does.
 */
export function conditionalArguments(
  type: string,
  changedPaths: readonly string[],
  before: Attributes = {},
  after: Attributes = {},
): ConditionalArgument[] {
  const changed = changedPaths.map(argumentPath);
  const out: ConditionalArgument[] = [];
  for (const [argument, when] of Object.entries(replacementEntry(type)?.conditional ?? {})) {
    if (!changed.some((c) => touches(argument, c))) continue;
    const decide = DECIDE[`${type}.${argument}`];
    const holds = decide ? decide(before, after) : undefined;
    if (holds === false) continue;
    out.push(holds === true ? { argument, when, holds } : { argument, when });
  }
  return out;
}

/**
 * The same AZ named two ways: a subnet's `availability_zone` (name) and `availability_zone_id`
 * (ID) are both optional, computed and force-new (provider 5.100.0, planned by
 * test:terraform). Pinning a subnet by ID (`availabilityZoneIds`) drops the name from the
 * configuration and sets the ID: a dropped computed argument keeps the state's value, and an
 * ID the subnet already has changes nothing, which only the state knows. The plan from a
 * hand-made state shows it (src/deploy/terraform-check/az-pinning.ts).
 */
const ZONE_ARGUMENTS: Readonly<Record<string, readonly [string, string]>> = {
  aws_subnet: ['availability_zone', 'availability_zone_id'],
};

/** Database instances whose AZ may become their subnet's (`${aws_subnet.x.availability_zone}`). */
const ZONE_FOLLOWERS = new Set(['aws_rds_cluster_instance', 'aws_db_instance']);
const SUBNET_ZONE_REFERENCE = /^\$\{aws_subnet\.[^.}]+\.availability_zone\}$/;

/**
 * How an AZ named another way changes the table's verdict: the force-new arguments that change
 * nothing (`cleared`: dropped from the configuration, the state keeps them) and those that
 * replace only when the resource is not already in that AZ (`conditional`).
 */
export function zoneArguments(
  type: string,
  before: Attributes,
  after: Attributes,
): { readonly cleared: readonly string[]; readonly conditional: readonly ConditionalArgument[] } {
  const pair = ZONE_ARGUMENTS[type];
  if (pair) {
    const [name, id] = pair;
    const set = (attrs: Attributes, key: string) => attrs[key] !== undefined;
    const cleared = pair.filter((a) => set(before, a) && !set(after, a));
    const renamed = (a: string, other: string) =>
      !set(before, a) && set(after, a) && set(before, other) && !set(after, other);
    const conditional = [
      ...(renamed(id, name) ? [id] : []),
      ...(renamed(name, id) ? [name] : []),
    ].map((argument) => ({
      argument,
      when: `unless the subnet is already in ${String(after[argument])}: naming the AZ it has by ${argument === id ? 'ID' : 'name'} changes nothing`,
    }));
    return { cleared, conditional };
  }
  const zone = after['availability_zone'];
  if (
    ZONE_FOLLOWERS.has(type) &&
    typeof zone === 'string' &&
    SUBNET_ZONE_REFERENCE.test(zone) &&
    before['availability_zone'] !== zone
  )
    return {
      cleared: [],
      conditional: [
        {
          argument: 'availability_zone',
          when: "unless the instance is already in its subnet's AZ (the subnet's own AZ, read from state)",
        },
      ],
    };
  return { cleared: [], conditional: [] };
}

/** Where the table's claim about an argument comes from. */
export function argumentSource(type: string, argument: string): string | undefined {
  const entry = replacementEntry(type);
  return entry && (entry.sources?.[argument] ?? entry.source);
}
