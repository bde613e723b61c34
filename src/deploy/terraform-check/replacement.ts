/**
 * The diff's replacement table (src/review/diff/replacement.ts) checked against the real AWS
 * provider: for each argument the table says forces a new resource, one resource whose state
 * holds an old value and whose configuration holds a new one, planned by Terraform with
 * `-refresh=false` (the provider plans from state alone: no AWS call, no credentials). The
 * plan must replace it, with that argument among the plan's `replace_paths`. Arguments known
 * to update in place are planned too and must not replace: a table that called everything
 * force-new would fail them.
 *
 * Arguments the provider in use does not have (6.x additions on a 5.x mirror) are skipped
 * and reported, never passed.
 */
import { REPLACEMENT_ARGUMENTS, REVIEWED_6_66 } from '../../review/diff/replacement';

export type Expectation = 'replace' | 'update';

export interface ReplacementCase {
  readonly type: string;
  readonly argument: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly expect: Expectation;
  /** Arguments the resource needs besides the one under test, in state and configuration. */
  readonly base?: Readonly<Record<string, unknown>>;
}

const KEY_A = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111';
const KEY_B = 'arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-2222-2222-222222222222';

/** What each type needs to plan at all (its required arguments), in state and configuration. */
const BASE: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_rds_cluster: { engine: 'aurora-mysql' },
  aws_rds_cluster_instance: {
    cluster_identifier: 'cluster-a',
    engine: 'aurora-mysql',
    instance_class: 'db.serverless',
  },
  aws_db_instance: { instance_class: 'db.t3.micro', engine: 'mysql' },
  aws_lb: { subnets: ['subnet-0a', 'subnet-0b'] },
  aws_lb_target_group: { port: 80, protocol: 'HTTP', vpc_id: 'vpc-0a', target_type: 'instance' },
};

/**
 * What a created resource's state holds although no configuration set it (the provider's
 * defaults and computed values): without them every plan differs in those force-new
 * arguments and the in-place controls would replace.
 */
const STATE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_rds_cluster: { engine_mode: 'provisioned', availability_zones: ['eu-west-1a'] },
  aws_kms_key: { key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT' },
  aws_lb: { load_balancer_type: 'application' },
};

/** What one argument needs beside it (an external key's store). */
const WITH: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'aws_kms_key.xks_key_id': { custom_key_store_id: 'cks-0123456789abcdef0' },
};

/**
 * An old and a new value per argument the table lists (or that updates in place), valid for
 * the provider's own validators. Keyed `type.argument`.
 */
const VALUES: Readonly<Record<string, readonly [unknown, unknown]>> = {
  'aws_rds_cluster.cluster_identifier': ['cluster-a', 'cluster-b'],
  'aws_rds_cluster.cluster_identifier_prefix': ['cluster-a-', 'cluster-b-'],
  'aws_rds_cluster.cluster_scalability_type': ['standard', 'limitless'],
  'aws_rds_cluster.availability_zones': [['eu-west-1a'], ['eu-west-1b']],
  'aws_rds_cluster.database_name': ['alpha', 'beta'],
  'aws_rds_cluster.db_subnet_group_name': ['subnets-a', 'subnets-b'],
  'aws_rds_cluster.db_system_id': ['system-a', 'system-b'],
  'aws_rds_cluster.engine': ['aurora-mysql', 'aurora-postgresql'],
  'aws_rds_cluster.engine_mode': ['provisioned', 'serverless'],
  'aws_rds_cluster.kms_key_id': [KEY_A, KEY_B],
  'aws_rds_cluster.master_username': ['admin_a', 'admin_b'],
  'aws_rds_cluster.snapshot_identifier': ['snapshot-a', 'snapshot-b'],
  'aws_rds_cluster.source_region': ['eu-west-1', 'us-east-1'],
  'aws_rds_cluster.storage_encrypted': [false, true],
  'aws_rds_cluster.deletion_protection': [false, true],
  'aws_rds_cluster_instance.identifier': ['instance-a', 'instance-b'],
  'aws_rds_cluster_instance.identifier_prefix': ['instance-a-', 'instance-b-'],
  'aws_rds_cluster_instance.cluster_identifier': ['cluster-a', 'cluster-b'],
  'aws_rds_cluster_instance.engine': ['aurora-mysql', 'aurora-postgresql'],
  'aws_rds_cluster_instance.availability_zone': ['eu-west-1a', 'eu-west-1b'],
  'aws_rds_cluster_instance.db_subnet_group_name': ['subnets-a', 'subnets-b'],
  'aws_rds_cluster_instance.custom_iam_instance_profile': [
    'AWSRDSCustomProfileA',
    'AWSRDSCustomProfileB',
  ],
  'aws_rds_cluster_instance.promotion_tier': [1, 2],
  'aws_db_instance.availability_zone': ['eu-west-1a', 'eu-west-1b'],
  'aws_db_instance.backup_target': ['region', 'outposts'],
  'aws_db_instance.character_set_name': ['AL32UTF8', 'WE8ISO8859P1'],
  'aws_db_instance.custom_iam_instance_profile': ['AWSRDSCustomProfileA', 'AWSRDSCustomProfileB'],
  'aws_db_instance.db_name': ['alpha', 'beta'],
  'aws_db_instance.engine': ['mysql', 'postgres'],
  'aws_db_instance.kms_key_id': [KEY_A, KEY_B],
  'aws_db_instance.nchar_character_set_name': ['AL16UTF16', 'UTF8'],
  'aws_db_instance.snapshot_identifier': ['snapshot-a', 'snapshot-b'],
  'aws_db_instance.storage_encrypted': [false, true],
  'aws_db_instance.timezone': ['UTC', 'GMT Standard Time'],
  'aws_db_instance.username': ['admin_a', 'admin_b'],
  'aws_db_instance.identifier': ['instance-a', 'instance-b'],
  'aws_s3_bucket.bucket': ['payment-check-a', 'payment-check-b'],
  'aws_s3_bucket.bucket_prefix': ['payment-check-a-', 'payment-check-b-'],
  'aws_s3_bucket.bucket_namespace': ['global', 'account-regional'],
  'aws_s3_bucket.object_lock_enabled': [false, true],
  'aws_s3_bucket.force_destroy': [false, true],
  'aws_kms_key.customer_master_key_spec': ['SYMMETRIC_DEFAULT', 'RSA_2048'],
  'aws_kms_key.key_usage': ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  'aws_kms_key.multi_region': [false, true],
  'aws_kms_key.custom_key_store_id': ['cks-0123456789abcdef0', 'cks-0123456789abcdef1'],
  'aws_kms_key.xks_key_id': ['xks-key-a', 'xks-key-b'],
  'aws_kms_key.description': ['key a', 'key b'],
  'aws_cloudwatch_log_group.name': ['/payment/a', '/payment/b'],
  'aws_cloudwatch_log_group.name_prefix': ['/payment/a-', '/payment/b-'],
  'aws_cloudwatch_log_group.log_group_class': ['STANDARD', 'INFREQUENT_ACCESS'],
  'aws_cloudwatch_log_group.retention_in_days': [30, 365],
  'aws_cloudwatch_log_group.kms_key_id': [KEY_A, KEY_B],
  'aws_secretsmanager_secret.name': ['payment/a', 'payment/b'],
  'aws_secretsmanager_secret.name_prefix': ['payment/a-', 'payment/b-'],
  'aws_secretsmanager_secret.kms_key_id': [KEY_A, KEY_B],
  'aws_lb.name': ['payment-a', 'payment-b'],
  'aws_lb.name_prefix': ['pa-', 'pb-'],
  'aws_lb.internal': [false, true],
  'aws_lb.load_balancer_type': ['application', 'network'],
  'aws_lb.customer_owned_ipv4_pool': ['ipv4pool-coip-0a', 'ipv4pool-coip-0b'],
  'aws_lb.idle_timeout': [60, 120],
  'aws_lb_target_group.name': ['payment-a', 'payment-b'],
  'aws_lb_target_group.name_prefix': ['pa-', 'pb-'],
  'aws_lb_target_group.port': [80, 81],
  'aws_lb_target_group.protocol': ['HTTP', 'HTTPS'],
  'aws_lb_target_group.protocol_version': ['HTTP1', 'HTTP2'],
  'aws_lb_target_group.target_type': ['instance', 'ip'],
  'aws_lb_target_group.vpc_id': ['vpc-0a', 'vpc-0b'],
  'aws_lb_target_group.ip_address_type': ['ipv4', 'ipv6'],
  'aws_lb_target_group.deregistration_delay': ['300', '30'],
};

/** Known in-place updates: the negative controls. */
const IN_PLACE: readonly string[] = [
  'aws_rds_cluster.deletion_protection',
  'aws_rds_cluster_instance.promotion_tier',
  'aws_db_instance.identifier',
  'aws_s3_bucket.force_destroy',
  'aws_kms_key.description',
  'aws_cloudwatch_log_group.retention_in_days',
  'aws_cloudwatch_log_group.kms_key_id',
  'aws_secretsmanager_secret.kms_key_id',
  'aws_lb.idle_timeout',
  'aws_lb_target_group.deregistration_delay',
];

/** Nested blocks: not planned here (their arguments need a whole restore or import source). */
const BLOCKS = new Set(['restore_to_point_in_time', 's3_import']);

/** The cases: every force-new argument of the table, the conditional ones, the controls. */
export function replacementCases(): {
  readonly cases: ReplacementCase[];
  readonly unplanned: string[];
} {
  const cases: ReplacementCase[] = [];
  const unplanned: string[] = [];
  const add = (type: string, argument: string, expect: Expectation, extra = {}) => {
    const values = VALUES[`${type}.${argument}`];
    if (!values) {
      unplanned.push(`${type}.${argument}`);
      return;
    }
    cases.push({
      type,
      argument,
      before: values[0],
      after: values[1],
      expect,
      base: { ...BASE[type], ...WITH[`${type}.${argument}`], ...extra },
    });
  };
  // The reviewed types, with concrete values; the planned ones are covered argument by
  // argument by ./argument-cases.ts.
  for (const [type, entry] of Object.entries(REPLACEMENT_ARGUMENTS)) {
    if (entry.source !== REVIEWED_6_66) continue;
    for (const argument of entry.forceNew) {
      if (BLOCKS.has(argument)) unplanned.push(`${type}.${argument} (a nested block)`);
      // An argument the base sets is varied on its own resource, without the base's value.
      else add(type, argument, 'replace');
    }
    if (entry.conditional?.['region'])
      cases.push({
        type,
        argument: 'region',
        before: 'us-east-1',
        after: 'eu-central-1',
        expect: 'replace',
        base: BASE[type] ?? {},
      });
  }
  for (const key of IN_PLACE) {
    const [type, argument] = key.split('.') as [string, string];
    add(type, argument, 'update');
  }
  // A network load balancer replaces when it loses a subnet; an application one does not.
  for (const [lbType, expect] of [
    ['network', 'replace'],
    ['application', 'update'],
  ] as const)
    cases.push({
      type: 'aws_lb',
      argument: 'subnets',
      before: ['subnet-0a', 'subnet-0b'],
      after: ['subnet-0a'],
      expect,
      base: { ...BASE['aws_lb'], load_balancer_type: lbType },
    });
  return { cases, unplanned };
}

/** The resource name of a case in the configuration, state and plan. */
export function caseName(c: ReplacementCase): string {
  const lb = c.argument === 'subnets' ? `_${String(c.base?.['load_balancer_type'])}` : '';
  return `${c.argument}${lb}`.replace(/[^a-z0-9_]/gi, '_');
}

/**
 * The cases the provider's schema can plan (it has the argument and a configuration may set
 * it), and the rest.
 */
export function plannable(
  cases: readonly ReplacementCase[],
  attributes: (type: string) => ReadonlySet<string> | undefined,
): { readonly planned: ReplacementCase[]; readonly skipped: string[] } {
  const planned: ReplacementCase[] = [];
  const skipped: string[] = [];
  for (const c of cases) {
    const known = attributes(c.type);
    if (known?.has(c.argument)) planned.push(c);
    else skipped.push(`${c.type}.${c.argument} (not an argument of this provider's schema)`);
  }
  return { planned, skipped };
}

/**
 * The `terraform` and `provider` blocks of a plan made from state alone: placeholder
 * credentials the provider never uses with `-refresh=false`, and no account look-up.
 */
export function planOnlyProvider(provider: { readonly source: string; readonly version: string }): {
  readonly terraform: object;
  readonly provider: object;
} {
  return {
    terraform: {
      required_providers: { aws: { source: provider.source, version: provider.version } },
    },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          access_key: 'AKIAEXAMPLEPLANONLY',
          secret_key: 'plan-only',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
}

/** The configuration (Terraform JSON) and the state (format 4) the plan starts from. */
export function replacementWorkspace(
  cases: readonly ReplacementCase[],
  provider: { readonly source: string; readonly version: string },
  schemaVersion: (type: string) => number,
  terraformVersion: string,
): { readonly config: object; readonly state: object } {
  const resource: Record<string, Record<string, unknown>> = {};
  const resources: object[] = [];
  for (const c of cases) {
    const name = caseName(c);
    (resource[c.type] ??= {})[name] = { ...c.base, [c.argument]: c.after };
    resources.push({
      mode: 'managed',
      type: c.type,
      name,
      provider: `provider["registry.terraform.io/${provider.source}"]`,
      instances: [
        {
          schema_version: schemaVersion(c.type),
          attributes: {
            id: `${name}-id`,
            arn: `arn:aws:example:eu-west-1:123456789012:${name}`,
            ...STATE_DEFAULTS[c.type],
            ...c.base,
            [c.argument]: c.before,
          },
        },
      ],
    });
  }
  return {
    config: {
      ...planOnlyProvider(provider),
      // Terraform refuses an empty `resource` object.
      ...(cases.length > 0 ? { resource } : {}),
    },
    state: {
      version: 4,
      terraform_version: terraformVersion,
      serial: 1,
      lineage: '7e0c5f6e-0000-4000-8000-replacement0',
      outputs: {},
      resources,
    },
  };
}

interface PlannedChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[]; readonly replace_paths?: unknown[][] };
}

/** Each case the plan (`terraform show -json`) contradicts, with what the plan did. */
export function planMismatches(
  cases: readonly ReplacementCase[],
  plan: { readonly resource_changes?: readonly PlannedChange[] },
): string[] {
  const byAddress = new Map((plan.resource_changes ?? []).map((r) => [r.address, r.change]));
  const mismatches: string[] = [];
  for (const c of cases) {
    const address = `${c.type}.${caseName(c)}`;
    const change = byAddress.get(address);
    const replaced =
      !!change && change.actions.includes('delete') && change.actions.includes('create');
    const byArgument = (change?.replace_paths ?? []).some((p) => p[0] === c.argument);
    const ok =
      c.expect === 'replace'
        ? replaced && byArgument
        : !!change && change.actions.length === 1 && change.actions[0] === 'update';
    if (!ok)
      mismatches.push(
        `${c.type}.${c.argument}: the table says ${c.expect === 'replace' ? 'it forces a new resource' : 'it updates in place'}, the plan says ${change ? change.actions.join('+') : 'no change'}${replaced ? ` (replace_paths ${JSON.stringify(change?.replace_paths ?? [])})` : ''}`,
      );
  }
  return mismatches;
}
