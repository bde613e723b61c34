import type { TerraformResource } from 'cdktn';
import { TerraformStack, Testing } from 'cdktn';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/stacks/app';
import type { DatabaseConfig } from '../../../src/config/database';
import { DATABASE_ENGINES, ENGINES } from '../../../src/aws-facts/aurora-engines';
import { InvalidPropsError } from '../../../src/validation/problem';
import { loadConfig } from '../../../src/config/load';
import { PROFILE_NAMES, PROFILES } from '../../../src/config/profiles';
import { AwsEnvironment } from '../../../src/constructs/core/aws-environment';
import type { AuroraClusterProps } from '../../../src/constructs/data/aurora-cluster';
import {
  AuroraCluster,
  BACKUP_WINDOW,
  CA_CERT_IDENTIFIER,
  ENGINE_LIFECYCLE_SUPPORT,
  MAINTENANCE_WINDOW,
  windowsOverlap,
} from '../../../src/constructs/data/aurora-cluster';
import { KmsKey } from '../../../src/constructs/security/kms-key';
import { Naming } from '../../../src/naming/naming';
import type { PaymentStack } from '../../../src/stacks/payment-stack';
import { keyScaffold } from '../../helpers/scaffold';
import type { Block, TerraformJson } from '../../helpers/synth';
import { blocksOf, policyOf, refOf, resourcesOf, synthesize } from '../../helpers/synth';

// Every engine in every profile, each synthesized once for the whole file.
const VARIANTS = PROFILE_NAMES.flatMap((profile) =>
  DATABASE_ENGINES.map((engine) => {
    const { json, stack } = synthesize({ ENVIRONMENT: profile }, { database: { engine } });
    return { profile, engine, json, stack, name: `${engine} in ${profile}` };
  }),
);
type Variant = (typeof VARIANTS)[number];

const clusterOf = (json: TerraformJson): Block => {
  const clusters = blocksOf(json, 'aws_rds_cluster');
  expect(clusters).toHaveLength(1);
  return clusters[0]!;
};
const instancesOf = (json: TerraformJson) =>
  blocksOf(json, 'aws_rds_cluster_instance').sort((a, b) =>
    String(a.identifier).localeCompare(String(b.identifier)),
  );
/** `type.logicalId` of a construct's resource (test synthesis carries no construct paths). */
const addressOf = (stack: PaymentStack, resource: TerraformResource) =>
  `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;
/** The block of a construct's resource. */
const blockOf = (json: TerraformJson, stack: PaymentStack, resource: TerraformResource): Block =>
  json.resource[resource.terraformResourceType]![stack.getLogicalId(resource)]!;
const parametersOf = (group: Block) =>
  new Map(
    (group.parameter as Array<{ name: string; value: string; apply_method: string }>).map((p) => [
      p.name,
      p,
    ]),
  );

describe.each(VARIANTS)('Aurora: $name', (variant: Variant) => {
  const { json, engine, profile, stack } = variant;
  const dataKey = `\${${addressOf(stack, stack.aurora.key.key)}.arn}`;
  const logsKey = `\${${addressOf(stack, stack.keys.logs.key)}.arn}`;
  const dbGroupId = `\${${addressOf(stack, stack.securityGroups.database)}.id}`;
  const cluster = clusterOf(json);
  const instances = instancesOf(json);
  const profileDefaults = PROFILES[profile];
  const facts = ENGINES[engine];

  it('is Serverless v2 on a pinned engine version that stays out of paid extended support', () => {
    expect(cluster).toMatchObject({
      engine,
      engine_mode: 'provisioned',
      engine_version: facts.defaultVersion,
      engine_lifecycle_support: ENGINE_LIFECYCLE_SUPPORT,
      serverlessv2_scaling_configuration: {
        min_capacity: profileDefaults.auroraMinCapacity,
        max_capacity: profileDefaults.auroraMaxCapacity,
      },
    });
    // Automatic minor upgrades must not turn into a downgrade plan.
    expect((cluster.lifecycle as { ignore_changes: string[] }).ignore_changes).toContain(
      'engine_version',
    );
  });

  it('encrypts storage, Performance Insights and the master secret with the data CMK', () => {
    const key = dataKey;
    expect(cluster).toMatchObject({
      storage_encrypted: true,
      kms_key_id: key,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: key,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: key,
      performance_insights_retention_period: profileDefaults.performanceInsightsRetentionDays,
      database_insights_mode: profile === 'prod' ? 'advanced' : 'standard',
    });
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.master_username).not.toMatch(/^(admin|root|postgres|master)$/i);
  });

  it('uses IAM database authentication, the engine port and only the database security group', () => {
    expect(cluster.iam_database_authentication_enabled).toBe(true);
    expect(cluster.port).toBe(facts.port);
    expect(cluster.vpc_security_group_ids).toEqual([dbGroupId]);
    const ingress = blocksOf(json, 'aws_vpc_security_group_ingress_rule').filter(
      (r) => r.security_group_id === dbGroupId,
    );
    expect(ingress.map((r) => [r.from_port, r.to_port])).toEqual([[facts.port, facts.port]]);
  });

  it('lives only in the isolated data subnets', () => {
    const subnetGroup = blocksOf(json, 'aws_db_subnet_group');
    expect(subnetGroup).toHaveLength(1);
    expect(subnetGroup[0]!.subnet_ids).toEqual(
      stack.network.dataSubnets.map((s) => `\${${addressOf(stack, s)}.id}`),
    );
    for (const instance of instances) expect(instance.publicly_accessible).toBe(false);
  });

  it('runs a writer and the profile readers as db.serverless in different AZs', () => {
    expect(instances).toHaveLength(1 + profileDefaults.auroraReaders);
    const [writer, ...readers] = instances;
    expect(writer!.promotion_tier).toBe(0);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        instance_class: 'db.serverless',
        engine,
        cluster_identifier: `\${${refOf(json, 'aws_rds_cluster', cluster)}.id}`,
      });
    }
    // Readers in tier 0-1 scale with the writer, so a same-size reader takes over.
    for (const reader of readers) expect(reader.promotion_tier).toBeLessThanOrEqual(1);
    const zones = instances.map((i) => i.availability_zone);
    expect(new Set(zones).size).toBe(zones.length);
    const subnetZones = new Set(blocksOf(json, 'aws_subnet').map((s) => s.availability_zone));
    for (const zone of zones) expect(subnetZones.has(zone)).toBe(true);
  });

  it('monitors every instance: Performance Insights with the CMK, enhanced monitoring, CA, minor upgrades', () => {
    const role = blockOf(json, stack, stack.aurora.monitoringRole);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        performance_insights_enabled: true,
        performance_insights_kms_key_id: dataKey,
        performance_insights_retention_period: profileDefaults.performanceInsightsRetentionDays,
        monitoring_interval: 60,
        monitoring_role_arn: `\${${refOf(json, 'aws_iam_role', role)}.arn}`,
        ca_cert_identifier: CA_CERT_IDENTIFIER,
        auto_minor_version_upgrade: true,
        copy_tags_to_snapshot: true,
      });
    }
    const trust = policyOf(role, 'assume_role_policy').Statement;
    expect(trust.map((s) => s.Principal)).toEqual([{ Service: 'monitoring.rds.amazonaws.com' }]);
    // IAM refuses a trust policy with a Resource element (MalformedPolicyDocument: Has
    // prohibited field Resource), so CreateRole, and the whole apply, would fail. Every role.
    for (const anyRole of blocksOf(json, 'aws_iam_role')) {
      for (const statement of policyOf(anyRole, 'assume_role_policy').Statement) {
        expect(statement).not.toHaveProperty('Resource');
      }
    }
    const attachment = blocksOf(json, 'aws_iam_role_policy_attachment').find(
      (a) => a.role === `\${${refOf(json, 'aws_iam_role', role)}.name}`,
    );
    expect(attachment?.policy_arn).toMatch(
      /:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/,
    );
    // RDS refuses to create an instance whose monitoring role lacks the policy yet.
    const attachmentRef = refOf(json, 'aws_iam_role_policy_attachment', attachment!);
    for (const instance of instances) {
      expect(instance.depends_on).toContain(attachmentRef);
    }
  });

  it('enforces TLS and audit logging in the right parameter group with the right apply method', () => {
    const clusterGroup = blocksOf(json, 'aws_rds_cluster_parameter_group')[0]!;
    const instanceGroup = blocksOf(json, 'aws_db_parameter_group')[0]!;
    const family = engine === 'aurora-mysql' ? 'aurora-mysql8.0' : 'aurora-postgresql17';
    expect(clusterGroup.family).toBe(family);
    expect(instanceGroup.family).toBe(family);
    expect(cluster.db_cluster_parameter_group_name).toBe(
      `\${${refOf(json, 'aws_rds_cluster_parameter_group', clusterGroup)}.name}`,
    );
    for (const instance of instances) {
      expect(instance.db_parameter_group_name).toBe(
        `\${${refOf(json, 'aws_db_parameter_group', instanceGroup)}.name}`,
      );
    }
    const onCluster = parametersOf(clusterGroup);
    const onInstance = parametersOf(instanceGroup);
    if (engine === 'aurora-mysql') {
      expect(onCluster.get('require_secure_transport')).toMatchObject({ value: 'ON' });
      expect(onCluster.get('tls_version')).toMatchObject({
        value: 'TLSv1.2,TLSv1.3',
        apply_method: 'pending-reboot',
      });
      expect(onCluster.get('server_audit_logging')?.value).toBe('1');
      // Staging and prod audit every read and change of data (QUERY_DML includes SELECT).
      expect(onCluster.get('server_audit_events')?.value).toBe(
        profile === 'dev' ? 'CONNECT,QUERY_DCL,QUERY_DDL' : 'CONNECT,QUERY_DCL,QUERY_DDL,QUERY_DML',
      );
      // Slow-query logging is instance-level in Aurora MySQL; in the cluster group it does nothing.
      expect(onInstance.get('slow_query_log')?.value).toBe('1');
      expect(onInstance.get('log_output')?.value).toBe('FILE');
      expect(onInstance.has('long_query_time')).toBe(true);
      expect(onCluster.has('slow_query_log')).toBe(false);
      expect(onInstance.has('general_log')).toBe(false);
    } else {
      expect(onCluster.get('rds.force_ssl')).toMatchObject({ value: '1' });
      expect(onCluster.get('log_statement')?.value).toBe('ddl');
      expect(onCluster.has('log_min_duration_statement')).toBe(true);
      expect(onCluster.get('shared_preload_libraries')).toMatchObject({
        value: 'pg_stat_statements,pgaudit',
        apply_method: 'pending-reboot',
      });
      expect(onCluster.get('pgaudit.log')?.value).toBe(
        profile === 'dev' ? 'ddl,role' : 'ddl,role,write',
      );
      // Connections and disconnections logged; reads of the tables granted to the object-audit
      // role logged; bind parameters (a PAN sent as one) never printed.
      expect(onCluster.get('log_connections')?.value).toBe('1');
      expect(onCluster.get('log_disconnections')?.value).toBe('1');
      expect(onCluster.get('pgaudit.role')?.value).toBe('rds_pgaudit');
      expect(onCluster.get('pgaudit.log_parameter')?.value).toBe('0');
      expect(onCluster.get('log_parameter_max_length')?.value).toBe('0');
    }
    const dynamicOnes = [...onCluster.values(), ...onInstance.values()].filter(
      (p) => !['tls_version', 'shared_preload_libraries'].includes(p.name),
    );
    for (const parameter of dynamicOnes) expect(parameter.apply_method).toBe('immediate');
  });

  it('exports the engine logs to encrypted log groups it creates first', () => {
    expect(cluster.enabled_cloudwatch_logs_exports).toEqual(facts.logExports);
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group').filter(([, g]) =>
      String(g.name).startsWith(`/aws/rds/cluster/${String(cluster.cluster_identifier)}/`),
    );
    expect(groups.map(([, g]) => String(g.name).split('/').pop()).sort()).toEqual(
      [...facts.logExports].sort(),
    );
    for (const [name, group] of groups) {
      expect(group).toMatchObject({
        kms_key_id: logsKey,
        retention_in_days: profileDefaults.logRetentionDays,
        skip_destroy: profileDefaults.retainOnDestroy,
      });
      expect(cluster.depends_on).toContain(`aws_cloudwatch_log_group.${name}`);
    }
  });

  it('keeps 35 days of backups, copies tags to snapshots, windows do not overlap', () => {
    expect(cluster).toMatchObject({
      backup_retention_period: 35,
      copy_tags_to_snapshot: true,
      preferred_backup_window: BACKUP_WINDOW,
      preferred_maintenance_window: MAINTENANCE_WINDOW,
    });
    // Instances have their own window (random when unset, possibly inside the backup window).
    for (const instance of instancesOf(json)) {
      expect(instance.preferred_maintenance_window).toBe(MAINTENANCE_WINDOW);
    }
  });

  it('behaves on destroy as the profile says', () => {
    const randomIds = blocksOf(json, 'random_id');
    const keyBlock = blockOf(json, stack, stack.aurora.key.key);
    expect(cluster.deletion_protection).toBe(profileDefaults.deletionProtection);
    expect(cluster.apply_immediately).toBe(profile !== 'prod');
    // The data key outlives the stack wherever a final snapshot does (staging too), or the
    // snapshot could never be decrypted.
    expect((keyBlock.lifecycle as { prevent_destroy: boolean }).prevent_destroy).toBe(
      profileDefaults.retainOnDestroy || profileDefaults.finalSnapshot,
    );
    if (profileDefaults.finalSnapshot)
      expect(keyBlock.lifecycle).toEqual({ prevent_destroy: true });
    expect(cluster.delete_automated_backups).toBe(!profileDefaults.retainOnDestroy);
    if (profileDefaults.finalSnapshot) {
      // A new random suffix whenever the cluster identifier changes: two destroys never collide.
      expect(cluster.skip_final_snapshot).toBe(false);
      expect(randomIds).toHaveLength(1);
      expect(randomIds[0]!.keepers).toEqual({ cluster_identifier: cluster.cluster_identifier });
      const randomRef = refOf(json, 'random_id', randomIds[0]!);
      expect(cluster.final_snapshot_identifier).toBe(
        `${String(cluster.cluster_identifier)}-final-\${${randomRef}.hex}`,
      );
    } else {
      expect(cluster.skip_final_snapshot).toBe(true);
      expect(cluster.final_snapshot_identifier).toBeUndefined();
      expect(randomIds).toHaveLength(0);
    }
  });

  it('outputs the endpoints, port, identifier, secret ARN and database name', () => {
    const ref = refOf(json, 'aws_rds_cluster', cluster);
    expect(json.output).toMatchObject({
      rds_cluster_endpoint: { value: `\${${ref}.endpoint}` },
      rds_cluster_reader_endpoint: { value: `\${${ref}.reader_endpoint}` },
      rds_cluster_port: { value: `\${${ref}.port}` },
      rds_cluster_identifier: { value: `\${${ref}.cluster_identifier}` },
      db_master_secret_arn: { value: `\${${ref}.master_user_secret[0].secret_arn}` },
      database_name: { value: 'payments' },
    });
  });
});

describe('Aurora: nothing secret in the synthesized Terraform', () => {
  /** Every [path, key, value] of a JSON document. */
  function* walk(node: unknown, path: string): Generator<[string, string, unknown]> {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      yield [`${path}.${key}`, key, value];
      yield* walk(value, `${path}.${key}`);
    }
  }
  const PASSWORD_KEY = /(^|_)pass(word|wd)?(_|$)|secret_string|private_key|credentials?$/i;
  const PASSWORD_VALUE = /(password|passwd|pwd)\s*[:=]|-----BEGIN [A-Z ]*PRIVATE KEY/i;
  const SELF_SIGNED_KEY_REFERENCE = /^\$\{tls_private_key\.\w+\.private_key_pem\}$/;
  const SECRET_TYPES = [
    'random_password',
    'aws_secretsmanager_secret_version',
    'aws_ssm_parameter',
    'aws_db_instance',
  ];

  it.each(VARIANTS)('$name: no password-like key or value anywhere', ({ json }) => {
    const offending: string[] = [];
    for (const [path, key, value] of walk(json, '')) {
      // The one allowed match: the switch that makes RDS keep the password itself.
      if (key === 'manage_master_user_password' && value === true) continue;
      // The self-signed certificate of dev and staging (edge tier): a reference to the key the
      // tls provider generates, never a literal key in the JSON.
      if (typeof value === 'string' && SELF_SIGNED_KEY_REFERENCE.test(value)) continue;
      if (path === '.resource.tls_private_key') continue;
      if (PASSWORD_KEY.test(key)) offending.push(path);
      if (typeof value === 'string' && PASSWORD_VALUE.test(value)) offending.push(path);
    }
    expect(offending).toEqual([]);
    for (const type of SECRET_TYPES) {
      expect(resourcesOf(json, type)).toEqual([]);
      expect(Object.keys(json.data?.[`aws_secretsmanager_secret_version`] ?? {})).toEqual([]);
    }
  });

  it('the scan would catch a password (it is not vacuous)', () => {
    const leaky = { resource: { aws_rds_cluster: { c: { master_password: 'hunter2' } } } };
    const keys = [...walk(leaky, '')].filter(([, key]) => PASSWORD_KEY.test(key));
    expect(keys.map(([path]) => path)).toEqual(['.resource.aws_rds_cluster.c.master_password']);
  });
});

// The construct re-checks what configuration validates, for callers that bypass it.
describe('AuroraCluster guards against invalid props', () => {
  const valid = loadConfig({}).database;
  let count = 0;
  const build = (database: Partial<DatabaseConfig>, zones = ['a', 'b', 'c']) => {
    const stack = new TerraformStack(Testing.app(), `s${count++}`);
    const aws = new AwsEnvironment(stack, 'Aws', { region: 'us-east-1' });
    const props: AuroraClusterProps = {
      naming: new Naming('dev', 'us-east-1'),
      aws,
      database: { ...valid, ...database },
      subnetIds: zones.map((z) => `subnet-${z}`),
      availabilityZones: zones,
      securityGroupId: 'sg-1',
      logsKey: new KmsKey(stack, 'Logs', {
        aws,
        alias: 'alias/logs',
        description: 'logs',
        deletionWindowInDays: 7,
        retainOnDestroy: false,
        administratorArns: [],
      }),
      logRetentionDays: 90,
      retainOnDestroy: false,
      kmsDeletionWindowDays: 7,
      keyAdministratorArns: [],
    };
    return () => new AuroraCluster(stack, 'Aurora', props);
  };

  it('builds with valid props', () => {
    expect(build({})).not.toThrow();
  });

  it.each([
    [{ engineVersion: '17.6' }, /17\.6" is not an Aurora MySQL 3 .* for aurora-mysql/],
    [{ minCapacity: 0.25 }, /0\.5 ACU steps/],
    [{ maxCapacity: 512 }, /outside 0-256/],
    [{ minCapacity: 8, maxCapacity: 4 }, /above maxCapacity \(4\)/],
    [{ readers: 0 }, /outside 1-15/],
    [{ backupRetentionDays: 36 }, /outside 1-35/],
    [{ performanceInsightsRetentionDays: 30 }, /Performance Insights retention/],
    [{ masterUsername: 'admin' }, /default or reserved name/],
  ] as const)('%j', (database, message) => {
    expect(build(database)).toThrow(message);
  });

  it('needs at least two AZs', () => {
    expect(build({}, ['a'])).toThrow(/two AZs/);
  });

  it('throws one InvalidPropsError naming the construct path and every problem', () => {
    const attempt = build({ readers: 0, backupRetentionDays: 36 }, ['a']);
    let error: unknown;
    try {
      attempt();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidPropsError);
    const invalid = error as InvalidPropsError;
    expect(invalid.constructPath).toMatch(/^s\d+\/Aurora$/);
    expect(invalid.message).toContain(`construct ${invalid.constructPath}:`);
    expect(invalid.problems.map((p) => p.field)).toEqual([
      'database.readers',
      'database.backupRetentionDays',
      'availabilityZones',
    ]);
  });
});

describe('backup and maintenance windows', () => {
  it('the windows in use do not overlap', () => {
    expect(windowsOverlap(BACKUP_WINDOW, MAINTENANCE_WINDOW)).toBe(false);
  });

  it.each([
    ['05:30-06:30', 'sun:05:00-sun:06:00', true],
    ['04:00-05:00', 'sun:05:00-sun:06:00', false],
    ['23:30-00:30', 'mon:00:00-mon:01:00', true],
    ['23:30-00:30', 'sat:23:00-sun:00:15', true],
    ['01:00-02:00', 'sat:23:00-sun:00:15', false],
  ] as const)('%s vs %s overlap: %s', (backup, maintenance, expected) => {
    expect(windowsOverlap(backup, maintenance)).toBe(expected);
  });
});

describe('general log, when asked', () => {
  it('sets general_log in the instance group and exports it to its own encrypted log group', () => {
    const { stack, aws, key: logsKey } = keyScaffold('general');
    new AuroraCluster(stack, 'Aurora', {
      naming: new Naming('dev', 'us-east-1'),
      aws,
      database: { ...loadConfig({}).database, generalLog: true },
      subnetIds: ['subnet-a', 'subnet-b'],
      availabilityZones: ['a', 'b'],
      securityGroupId: 'sg-1',
      logsKey,
      logRetentionDays: 90,
      retainOnDestroy: false,
      kmsDeletionWindowDays: 7,
      keyAdministratorArns: [],
    });
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const cluster = blocksOf(json, 'aws_rds_cluster')[0]!;
    expect(cluster.enabled_cloudwatch_logs_exports).toContain('general');
    const names = blocksOf(json, 'aws_cloudwatch_log_group').map((g) => g.name);
    expect(names).toContain('/aws/rds/cluster/payment-aurora-dev/general');
    const parameters = blocksOf(json, 'aws_db_parameter_group')[0]!.parameter as Array<{
      name: string;
      value: string;
    }>;
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'general_log', value: '1' }));
  });
});

describe('AuroraCluster.grantConnect', () => {
  // The stack grants database connect to the app tier's role (EC2 instance role by default).
  const config = loadConfig({}, () => '');
  const { stack } = buildApp(config, mkdtempSync(join(tmpdir(), 'payment-grant-')));
  const role = stack.appRole;
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  const clusterId = stack.getLogicalId(stack.aurora.cluster);
  const roleId = stack.getLogicalId(role);
  const grants = blocksOf(json, 'aws_iam_role_policy').filter(
    (p) => p.role === `\${aws_iam_role.${roleId}.name}`,
  );

  it('attaches one inline policy to the role, allowing rds-db:connect and nothing else', () => {
    expect(grants).toHaveLength(1);
    const statements = policyOf(grants[0]!).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'rds-db:connect' });
  });

  it('names only the app user, by the cluster resource ID (not its name)', () => {
    const resource = policyOf(grants[0]!).Statement[0]!.Resource;
    expect(resource).toMatch(
      new RegExp(
        `^arn:\\$\\{data\\.aws_partition\\.[^}]+\\}:rds-db:us-east-1:\\$\\{data\\.aws_caller_identity\\.[^}]+\\}:dbuser:\\$\\{aws_rds_cluster\\.${clusterId}\\.cluster_resource_id\\}/payments_app$`,
      ),
    );
    expect(resource).not.toContain('*');
    expect(resource).not.toContain('cluster_identifier');
  });
});
