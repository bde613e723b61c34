/**
 * Every rule, table-driven: it passes on the compliant fixture (which contains resources it
 * applies to) and fails on that fixture with one targeted change. A rule added to the
 * registry without a failing fixture here fails the "every rule has fixtures" test.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/compliance/engine';
import { appliesTo } from '../../src/compliance/rule';
import { RULES } from '../../src/compliance/rules';
import { parseSuppressions } from '../../src/compliance/suppressions';
import type { Json, TfJson } from './fixtures';
import { add, compliantStack, graphOf, mutated, policy, ref, res } from './fixtures';

type Mutation = (tf: TfJson) => void;

const del = (tf: TfJson, type: string, name?: string) => {
  if (name) delete tf.resource[type]![name];
  else delete tf.resource[type];
};
const containers = (tf: TfJson, change: (c: Json) => void) => {
  const task = res(tf, 'aws_ecs_task_definition', 'app');
  const list = JSON.parse(task['container_definitions'] as string) as Json[];
  change(list[0]!);
  task['container_definitions'] = JSON.stringify(list);
};
const bucketPolicy = (tf: TfJson, keep: (s: Json) => boolean) => {
  const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
  const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
  p['policy'] = policy(doc.Statement.filter(keep));
};
const openIngress =
  (port: number, protocol = 'tcp') =>
  (tf: TfJson) =>
    add(tf, 'aws_vpc_security_group_ingress_rule', 'open', {
      security_group_id: ref('aws_security_group.app.id'),
      description: 'open',
      cidr_ipv4: '0.0.0.0/0',
      ip_protocol: protocol,
      from_port: port,
      to_port: port,
    });
const appPolicy = (statement: Json) => (tf: TfJson) => {
  res(tf, 'aws_iam_role_policy', 'app')['policy'] = policy([statement]);
};

/** For each rule: a change to the compliant stack that must make it fail. */
const FAILING: Record<string, Mutation> = {
  'PAY-S3-001': (tf) => del(tf, 'aws_s3_bucket_server_side_encryption_configuration', 'assets_sse'),
  'PAY-S3-002': (tf) => {
    res(tf, 'aws_s3_bucket_server_side_encryption_configuration', 'assets_sse')['rule'] = [
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ];
  },
  'PAY-S3-003': (tf) => {
    res(tf, 'aws_s3_bucket_versioning', 'assets_v')['versioning_configuration'] = {
      status: 'Suspended',
    };
  },
  'PAY-S3-004': (tf) => {
    res(tf, 'aws_s3_bucket_versioning', 'assets_v')['versioning_configuration'] = {
      status: 'Enabled',
    };
  },
  'PAY-S3-005': (tf) => del(tf, 'aws_s3_bucket_logging', 'assets_log'),
  'PAY-S3-006': (tf) => del(tf, 'aws_s3_bucket_public_access_block', 'assets_pab'),
  'PAY-S3-007': (tf) =>
    void (res(tf, 'aws_s3_bucket_public_access_block', 'assets_pab')['block_public_acls'] = false),
  'PAY-S3-008': (tf) =>
    void (res(tf, 'aws_s3_bucket_public_access_block', 'assets_pab')['block_public_policy'] =
      false),
  'PAY-S3-009': (tf) =>
    void (res(tf, 'aws_s3_bucket_public_access_block', 'assets_pab')['ignore_public_acls'] = false),
  'PAY-S3-010': (tf) =>
    void (res(tf, 'aws_s3_bucket_public_access_block', 'assets_pab')['restrict_public_buckets'] =
      false),
  'PAY-S3-011': (tf) =>
    add(tf, 'aws_s3_bucket_acl', 'assets', {
      bucket: ref('aws_s3_bucket.assets.id'),
      acl: 'public-read',
    }),
  'PAY-S3-012': (tf) =>
    void (res(tf, 'aws_s3_bucket_ownership_controls', 'assets_own')['rule'] = {
      object_ownership: 'ObjectWriter',
    }),
  'PAY-S3-013': (tf) => {
    const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
    const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
    doc.Statement.push({
      Sid: 'Public',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
    });
    p['policy'] = JSON.stringify(doc);
  },
  'PAY-S3-014': (tf) => bucketPolicy(tf, (s) => s['Sid'] !== 'DenyInsecureTransport'),
  'PAY-S3-015': (tf) => bucketPolicy(tf, (s) => s['Sid'] !== 'DenyTlsBelow12'),
  'PAY-S3-016': (tf) => del(tf, 'aws_s3_bucket_lifecycle_configuration', 'assets_lc'),
  'PAY-S3-017': (tf) => {
    res(tf, 'aws_s3_bucket_lifecycle_configuration', 'assets_lc')['rule'] = [
      { id: 'x', status: 'Enabled', expiration: [{ days: 30 }] },
    ];
  },
  'PAY-S3-018': (tf) =>
    add(tf, 'aws_s3_bucket_website_configuration', 'assets', {
      bucket: ref('aws_s3_bucket.assets.id'),
      index_document: { suffix: 'index.html' },
    }),
  'PAY-S3-019': (tf) =>
    add(tf, 'aws_s3_bucket_cors_configuration', 'assets', {
      bucket: ref('aws_s3_bucket.assets.id'),
      cors_rule: [{ allowed_methods: ['GET'], allowed_origins: ['*'] }],
    }),
  'PAY-S3-020': (tf) =>
    add(tf, 'aws_s3_bucket_object_lock_configuration', 'logs', {
      bucket: ref('aws_s3_bucket.logs.id'),
      rule: { default_retention: { mode: 'GOVERNANCE', days: 365 } },
    }),

  'PAY-VPC-001': (tf) => del(tf, 'aws_flow_log'),
  'PAY-VPC-002': (tf) => {
    res(tf, 'aws_default_security_group', 'default')['ingress'] = [
      { protocol: '-1', from_port: 0, to_port: 0, self: true },
    ];
  },
  'PAY-VPC-003': (tf) => void (res(tf, 'aws_subnet', 'public')['map_public_ip_on_launch'] = true),
  'PAY-VPC-004': (tf) => add(tf, 'aws_default_vpc', 'default', {}),
  'PAY-VPC-005': (tf) =>
    add(tf, 'aws_route', 'data_nat', {
      route_table_id: ref('aws_route_table.data.id'),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: ref('aws_nat_gateway.nat.id'),
    }),
  'PAY-VPC-006': (tf) =>
    void (res(tf, 'aws_autoscaling_group', 'app')['vpc_zone_identifier'] = [
      ref('aws_subnet.public.id'),
    ]),
  'PAY-VPC-007': (tf) => void (res(tf, 'aws_flow_log', 'flow')['traffic_type'] = 'REJECT'),
  'PAY-S3-021': (tf) => del(tf, 'aws_s3_bucket_object_lock_configuration', 'audit_lock'),
  'PAY-VPC-008': (tf) => void delete res(tf, 'aws_vpc_endpoint', 's3')['policy'],

  'PAY-SG-001': (tf) =>
    void delete res(tf, 'aws_vpc_security_group_ingress_rule', 'db_from_app')['description'],
  'PAY-SG-002': openIngress(22),
  'PAY-SG-003': openIngress(3389),
  'PAY-SG-004': openIngress(80),
  'PAY-SG-005': openIngress(-1, '-1'),
  'PAY-SG-006': (tf) =>
    add(tf, 'aws_vpc_security_group_egress_rule', 'anywhere', {
      security_group_id: ref('aws_security_group.app.id'),
      description: 'anywhere',
      cidr_ipv4: '0.0.0.0/0',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    }),
  'PAY-SG-007': (tf) =>
    add(tf, 'aws_security_group', 'unused', {
      name: 'unused',
      description: 'Unused group',
      vpc_id: ref('aws_vpc.vpc.id'),
    }),
  'PAY-SG-008': openIngress(443),
  'PAY-SG-009': (tf) =>
    void (res(tf, 'aws_vpc_security_group_ingress_rule', 'db_from_app')[
      'referenced_security_group_id'
    ] = ref('aws_security_group.alb.id')),

  'PAY-ALB-001': (tf) => void (res(tf, 'aws_lb', 'alb')['drop_invalid_header_fields'] = false),
  'PAY-ALB-002': (tf) => void delete res(tf, 'aws_lb', 'alb')['enable_deletion_protection'],
  'PAY-ALB-003': (tf) => void delete res(tf, 'aws_lb', 'alb')['access_logs'],
  'PAY-ALB-004': (tf) => void (res(tf, 'aws_lb', 'alb')['desync_mitigation_mode'] = 'monitor'),
  'PAY-ALB-005': (tf) => {
    res(tf, 'aws_lb', 'alb')['internal'] = false;
    del(tf, 'aws_wafv2_web_acl_association');
  },
  'PAY-ALB-006': (tf) => void (res(tf, 'aws_lb', 'alb')['internal'] = false),
  'PAY-ALB-007': (tf) => {
    res(tf, 'aws_lb_listener', 'http')['default_action'] = [
      { type: 'forward', target_group_arn: ref('aws_lb_target_group.app.arn') },
    ];
  },
  'PAY-ALB-008': (tf) =>
    void (res(tf, 'aws_lb_listener', 'https')['ssl_policy'] =
      'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06'),
  'PAY-ALB-009': (tf) =>
    void (res(tf, 'aws_lb_listener', 'https')['certificate_arn'] =
      'arn:aws:iam::123456789012:server-certificate/legacy'),
  'PAY-ALB-010': (tf) => void delete res(tf, 'aws_lb_target_group', 'app')['health_check'],

  'PAY-WAF-001': (tf) => void (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] = []),
  'PAY-WAF-002': (tf) =>
    void delete (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] as Json[])[0]!['override_action'],
  'PAY-WAF-003': (tf) => {
    const rule = (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] as Json[])[0]!;
    rule['statement'] = {
      managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
    };
  },
  'PAY-WAF-004': (tf) => del(tf, 'aws_wafv2_web_acl_logging_configuration'),
  'PAY-WAF-005': (tf) => {
    const rule = (res(tf, 'aws_wafv2_web_acl', 'acl')['rule'] as Json[])[0]!;
    rule['visibility_config'] = {
      cloudwatch_metrics_enabled: false,
      metric_name: 'kbi',
      sampled_requests_enabled: true,
    };
  },

  'PAY-ACM-001': (tf) => void delete res(tf, 'aws_acm_certificate', 'cert')['lifecycle'],
  'PAY-ACM-002': (tf) =>
    void (res(tf, 'aws_acm_certificate', 'cert')['options'] = {
      certificate_transparency_logging_preference: 'DISABLED',
    }),
  'PAY-ACM-003': (tf) =>
    void (res(tf, 'aws_acm_certificate', 'cert')['domain_name'] = '*.example.com'),

  'PAY-RDS-001': (tf) => void (res(tf, 'aws_rds_cluster', 'db')['storage_encrypted'] = false),
  'PAY-RDS-002': (tf) => void delete res(tf, 'aws_rds_cluster', 'db')['kms_key_id'],
  'PAY-RDS-003': (tf) => void (res(tf, 'aws_rds_cluster', 'db')['deletion_protection'] = false),
  'PAY-RDS-004': (tf) => void (res(tf, 'aws_rds_cluster', 'db')['backup_retention_period'] = 1),
  'PAY-RDS-005': (tf) =>
    void delete res(tf, 'aws_rds_cluster', 'db')['iam_database_authentication_enabled'],
  'PAY-RDS-006': (tf) =>
    void (res(tf, 'aws_rds_cluster', 'db')['enabled_cloudwatch_logs_exports'] = ['error']),
  'PAY-RDS-007': (tf) => void (res(tf, 'aws_rds_cluster', 'db')['copy_tags_to_snapshot'] = false),
  'PAY-RDS-008': (tf) =>
    void (res(tf, 'aws_rds_cluster_instance', 'writer')['publicly_accessible'] = true),
  'PAY-RDS-009': (tf) =>
    void delete res(tf, 'aws_rds_cluster_instance', 'writer')['performance_insights_kms_key_id'],
  'PAY-RDS-010': (tf) =>
    void (res(tf, 'aws_rds_cluster_instance', 'writer')['auto_minor_version_upgrade'] = false),
  'PAY-RDS-011': (tf) => void delete res(tf, 'aws_rds_cluster', 'db')['backtrack_window'],
  'PAY-RDS-012': (tf) =>
    void (res(tf, 'aws_db_subnet_group', 'db')['subnet_ids'] = [
      ref('aws_subnet.data.id'),
      ref('aws_subnet.private.id'),
    ]),
  'PAY-RDS-013': (tf) => {
    const db = res(tf, 'aws_rds_cluster', 'db');
    delete db['manage_master_user_password'];
    db['master_password'] = ref('random_password.db.result');
  },
  'PAY-RDS-014': (tf) => void (res(tf, 'aws_rds_cluster', 'db')['skip_final_snapshot'] = true),
  'PAY-RDS-015': (tf) =>
    void (res(tf, 'aws_rds_cluster_instance', 'writer')['monitoring_interval'] = 0),
  'PAY-RDS-016': (tf) => {
    const params = res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] as Json[];
    params[0]!['value'] = 'OFF';
  },
  'PAY-RDS-017': (tf) => {
    const params = res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] as Json[];
    params.splice(1, 2);
  },
  'PAY-RDS-019': (tf) => {
    const params = res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] as Json[];
    params[2]!['value'] = 'CONNECT,QUERY_DDL,QUERY_DCL';
  },
  'PAY-RDS-018': (tf) => void delete res(tf, 'aws_kms_key', 'key')['lifecycle'],

  'PAY-KMS-006': (tf) => {
    const p = res(tf, 'aws_kms_key_policy', 'key');
    const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
    p['policy'] = policy(doc.Statement.filter((s) => s['Sid'] !== 'KeyAdministrators'));
  },
  'PAY-KMS-001': (tf) => void (res(tf, 'aws_kms_key', 'key')['enable_key_rotation'] = false),
  'PAY-KMS-002': (tf) => {
    res(tf, 'aws_kms_key_policy', 'key')['policy'] = policy([
      {
        Sid: 'Everyone',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ]);
  },
  'PAY-KMS-003': (tf) => void (res(tf, 'aws_kms_key', 'key')['is_enabled'] = false),
  'PAY-KMS-004': (tf) => del(tf, 'aws_kms_key_policy'),
  'PAY-KMS-005': (tf) => void delete res(tf, 'aws_kms_key', 'key')['deletion_window_in_days'],

  'PAY-CW-001': (tf) => void delete res(tf, 'aws_cloudwatch_log_group', 'app')['kms_key_id'],
  'PAY-CW-002': (tf) => void delete res(tf, 'aws_cloudwatch_log_group', 'app')['retention_in_days'],
  'PAY-CW-003': (tf) => void (res(tf, 'aws_cloudwatch_log_group', 'app')['retention_in_days'] = 90),
  'PAY-CW-004': (tf) => void delete res(tf, 'aws_cloudwatch_metric_alarm', 'cpu')['alarm_actions'],
  'PAY-CW-005': (tf) => del(tf, 'aws_sns_topic_subscription'),

  'PAY-SM-001': (tf) => void delete res(tf, 'aws_secretsmanager_secret', 'api')['kms_key_id'],
  'PAY-SM-002': (tf) => del(tf, 'aws_secretsmanager_secret_rotation'),
  'PAY-SM-003': (tf) => del(tf, 'aws_secretsmanager_secret_policy'),

  'PAY-ECS-001': (tf) =>
    void (res(tf, 'aws_ecs_cluster', 'app')['setting'] = [
      { name: 'containerInsights', value: 'disabled' },
    ]),
  'PAY-ECS-002': (tf) => {
    res(tf, 'aws_ecs_task_definition', 'app')['volume'] = [
      {
        name: 'shared',
        efs_volume_configuration: { file_system_id: 'fs-1', transit_encryption: 'DISABLED' },
      },
    ];
  },
  'PAY-ECS-003': (tf) =>
    containers(
      tf,
      (c) =>
        void (c['environment'] = [
          { name: 'DB_PASSWORD', value: ref('aws_rds_cluster.db.master_username') },
        ]),
    ),
  'PAY-ECS-004': (tf) => containers(tf, (c) => void (c['privileged'] = true)),
  'PAY-ECS-005': (tf) => containers(tf, (c) => void delete c['readonlyRootFilesystem']),
  'PAY-ECS-006': (tf) => void (res(tf, 'aws_ecs_task_definition', 'app')['pid_mode'] = 'host'),
  'PAY-ECS-007': (tf) =>
    void (res(tf, 'aws_ecs_task_definition', 'app')['task_role_arn'] =
      ref('aws_iam_role.exec.arn')),
  'PAY-ECS-008': (tf) => containers(tf, (c) => void delete c['logConfiguration']),
  'PAY-ECS-009': (tf) =>
    void (res(tf, 'aws_ecs_task_definition', 'app')['network_mode'] = 'bridge'),
  'PAY-ECS-010': (tf) => {
    (res(tf, 'aws_ecs_service', 'app')['network_configuration'] as Json)['assign_public_ip'] = true;
  },
  'PAY-ECS-011': (tf) => void (res(tf, 'aws_ecs_service', 'app')['platform_version'] = '1.3.0'),

  'PAY-ECR-001': (tf) =>
    void (res(tf, 'aws_ecr_repository', 'app')['image_scanning_configuration'] = {
      scan_on_push: false,
    }),
  'PAY-ECR-002': (tf) =>
    void (res(tf, 'aws_ecr_repository', 'app')['image_tag_mutability'] = 'MUTABLE'),
  'PAY-ECR-003': (tf) =>
    void delete res(tf, 'aws_ecr_repository', 'app')['encryption_configuration'],
  'PAY-ECR-004': (tf) => {
    res(tf, 'aws_ecr_repository_policy', 'app')['policy'] = policy([
      { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'ecr:*' },
    ]);
  },
  'PAY-ECR-005': (tf) => del(tf, 'aws_ecr_lifecycle_policy'),

  'PAY-SNS-001': (tf) =>
    void (res(tf, 'aws_sns_topic', 'alarms')['kms_master_key_id'] = 'alias/aws/sns'),
  'PAY-SNS-002': (tf) => {
    res(tf, 'aws_sns_topic_policy', 'alarms')['policy'] = policy([
      {
        Sid: 'Anyone',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sns:Publish',
        Resource: '*',
      },
    ]);
  },
  'PAY-SNS-003': (tf) => {
    res(tf, 'aws_sns_topic_policy', 'alarms')['policy'] = policy([
      {
        Sid: 'CloudWatch',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  },

  'PAY-IAM-001': appPolicy({ Effect: 'Allow', Action: '*', Resource: '*' }),
  'PAY-IAM-002': appPolicy({
    Effect: 'Allow',
    Action: 's3:*',
    Resource: ref('aws_s3_bucket.assets.arn'),
  }),
  'PAY-IAM-003': appPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
  'PAY-IAM-004': appPolicy({
    Effect: 'Allow',
    Action: 'iam:*',
    Resource: ref('aws_iam_role.exec.arn'),
  }),
  'PAY-IAM-005': (tf) => {
    res(tf, 'aws_iam_role', 'exec')['assume_role_policy'] = policy([
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
    ]);
  },
  'PAY-IAM-006': (tf) =>
    void (res(tf, 'aws_iam_role_policy_attachment', 'ssm')['policy_arn'] =
      'arn:aws:iam::aws:policy/AdministratorAccess'),
  'PAY-IAM-007': appPolicy({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: '*' }),
  'PAY-IAM-009': (tf) =>
    bucketPolicy(tf, (s) => {
      if (s['Sid'] === 'LogDelivery') delete s['Condition'];
      return true;
    }),
  'PAY-IAM-008': (tf) =>
    void (res(tf, 'aws_iam_role_policy_attachment', 'ssm')['policy_arn'] =
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'),

  'PAY-EC2-001': (tf) =>
    void (res(tf, 'aws_launch_template', 'app')['metadata_options'] = { http_tokens: 'optional' }),
  'PAY-EC2-002': (tf) => {
    res(tf, 'aws_launch_template', 'app')['block_device_mappings'] = [
      { device_name: '/dev/xvda', ebs: { encrypted: false } },
    ];
  },
  'PAY-EC2-003': (tf) =>
    void (res(tf, 'aws_launch_template', 'app')['network_interfaces'] = [
      { associate_public_ip_address: true },
    ]),
  // Budget rules: the idle estimate of the fixture is a few hundred USD.
  'PAY-COST-001': (tf) => void (tf.locals = { monthly_budget_usd: 1 }),
  'PAY-COST-002': (tf) => {
    tf.locals = { monthly_budget_usd: 1 };
    tf.provider.aws[0]!['default_tags'] = [
      { tags: { Environment: 'dev', Project: 'P', CostCenter: 'C', Profile: 'dev' } },
    ];
  },
  // The load balancer in one AZ only: losing it takes the edge down.
  'PAY-RES-001': (tf) => void (res(tf, 'aws_lb', 'alb')['subnets'] = [ref('aws_subnet.public.id')]),
  'PAY-EC2-004': (tf) =>
    void (res(tf, 'aws_autoscaling_group', 'app')['health_check_type'] = 'EC2'),
  'PAY-EC2-005': (tf) =>
    void (res(tf, 'aws_autoscaling_group', 'app')['max_instance_lifetime'] = 31 * 86_400),

  'PAY-REF-001': (tf) =>
    void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('aws_vpc.missing.id')),
  'PAY-REF-002': (tf) =>
    void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('element(aws_vpc.vpc.*.id, ')),
  'PAY-SEC-001': (tf) =>
    void (res(tf, 'aws_rds_cluster', 'db')['master_password'] = 'Sup3rS3cret!'),
  'PAY-SEC-003': (tf) => add(tf, 'random_password', 'db', { length: 32, special: true }),
  'PAY-SEC-002': (tf) =>
    add(tf, 'tls_private_key', 'self_signed', { algorithm: 'RSA', rsa_bits: 2048 }),
  'PAY-TAG-001': (tf) =>
    void (tf.provider.aws[0]!['default_tags'] = [{ tags: { Environment: 'prod' } }]),
  'PAY-ACCT-001': (tf) => void delete tf.provider.aws[0]!['allowed_account_ids'],
};

/** Rules whose resource types a compliant prod stack must not contain at all. */
const FORBIDDEN_TYPE_RULES = new Set(['PAY-VPC-004', 'PAY-SEC-002', 'PAY-SEC-003']);

describe('rule registry', () => {
  it('has at least 60 rules with unique PAY-<AREA>-<NNN> IDs', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(60);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^PAY-[A-Z0-9]+-\d{3}$/);
    expect(ids).toEqual([...ids].sort());
  });

  it('gives every rule PCI DSS requirements, a rationale and a remediation', () => {
    for (const r of RULES) {
      // Budget rules (PAY-COST) guard spending, not cardholder data: no PCI DSS requirement.
      if (!r.id.startsWith('PAY-COST-')) expect(r.pci.length, r.id).toBeGreaterThan(0);
      for (const p of r.pci) expect(p, r.id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
      expect(r.rationale.length, r.id).toBeGreaterThan(30);
      expect(r.remediation.length, r.id).toBeGreaterThan(10);
      expect(r.resourceTypes.length, r.id).toBeGreaterThan(0);
    }
  });

  it('maps every starred catalogue row the project synthesizes to a rule', () => {
    const starred = [
      'S1',
      'S2',
      'S3',
      'S4',
      'S5',
      'S6',
      'S7',
      'S8',
      'S9',
      'S10',
      'S11',
      'S13',
      'V1',
      'V2',
      'V3',
      'V4',
      'G1',
      'G2',
      'G3',
      'G4',
      'G5',
      'G6',
      'G7',
      'L1',
      'L2',
      'L5',
      'L8',
      'L10',
      'R1',
      'R2',
      'R3',
      'R4',
      'R12',
      'R13',
      'K1',
      'K2',
      'K3',
      'W1',
      'W2',
      'M1',
      'E1',
      'E3',
      'C1',
      'C2',
      'C3',
      'C4',
      'N1',
      'N2',
      'N3',
      'I1',
      'I2',
      'I3',
      'I4',
      'I5',
    ];
    const covered = new Set(RULES.flatMap((r) => r.catalogue?.split('/') ?? []));
    expect(starred.filter((s) => !covered.has(s))).toEqual([]);
  });

  it('has a failing fixture for every rule and no fixture for a rule that does not exist', () => {
    expect(RULES.map((r) => r.id).filter((id) => !FAILING[id])).toEqual([]);
    expect(Object.keys(FAILING).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });
});

describe('every rule passes on the compliant stack', () => {
  const graph = graphOf(compliantStack());
  it.each(RULES.map((r) => [r.id, r] as const))('%s passes', (_id, rule) => {
    expect(rule.check(graph)).toEqual([]);
    if (!FORBIDDEN_TYPE_RULES.has(rule.id)) expect(appliesTo(rule, graph)).toBe(true);
  });
});

describe('every rule fails on its failing fixture', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s fails', (id, rule) => {
    const violations = rule.check(graphOf(mutated(FAILING[id]!)));
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) expect(v.message.length).toBeGreaterThan(5);
  });
});

describe('rule details an auditor relies on', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('reports the prod-only rules n/a outside prod, never pass, and runs them in prod', () => {
    const PROD_ONLY = [
      'PAY-ALB-002',
      'PAY-RDS-003',
      'PAY-RDS-014',
      'PAY-CW-003',
      'PAY-CW-005',
      'PAY-SEC-002',
      'PAY-ACCT-001',
      'PAY-KMS-006',
      'PAY-RDS-019',
      'PAY-S3-021',
      'PAY-RES-001',
      'PAY-COST-001',
    ];
    expect(
      RULES.filter((r) => r.prodOnly)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...PROD_ONLY].sort());
    const nonProd = (tf: TfJson) =>
      void (tf.provider.aws[0]!['default_tags'] = [
        { tags: { Environment: 'dev', Project: 'P', CostCenter: 'C', Profile: 'dev' } },
      ]);
    const none = parseSuppressions('none.json', undefined);
    for (const id of PROD_ONLY) {
      const rule = byId(id);
      // Broken or compliant, a dev stack shows n/a for the rule (its ALB without deletion
      // protection must not read as "pass" in the auditor's report).
      for (const dev of [mutated(nonProd), mutated((tf) => (FAILING[id]!(tf), nonProd(tf)))]) {
        const stack = evaluate([graphOf(dev, 'payment-dev')], [rule], none).stacks[0]!;
        expect(stack.status[id], id).toBe('n/a');
        expect(stack.findings, id).toEqual([]);
      }
      const prod = evaluate([graphOf(mutated(FAILING[id]!), 'payment-prod')], [rule], none);
      expect(prod.stacks[0]!.status[id], id).toBe('fail');
    }
    // In a dev stack only the prod-only rules and those whose types are absent do not apply.
    const dev = graphOf(mutated(nonProd), 'payment-dev');
    expect(
      RULES.filter((r) => !appliesTo(r, dev))
        .map((r) => r.id)
        .sort(),
    ).toEqual([...new Set([...PROD_ONLY, ...FORBIDDEN_TYPE_RULES])].sort());
  });

  it('PAY-CW-005: a prod alarm topic needs a subscriber; a topic no alarm uses does not', () => {
    const rule = byId('PAY-CW-005');
    const unsubscribed = rule.check(graphOf(mutated(FAILING['PAY-CW-005']!)));
    expect(unsubscribed.map((v) => v.address)).toEqual(['aws_sns_topic.alarms']);
    expect(unsubscribed[0]!.message).toMatch(
      /alarm\(s\) notify this topic, which has no aws_sns_topic_subscription/,
    );
    // Any protocol counts (a pager's HTTPS endpoint, a Lambda).
    const https = mutated((tf) => {
      res(tf, 'aws_sns_topic_subscription', 'oncall')['protocol'] = 'https';
    });
    expect(rule.check(graphOf(https))).toEqual([]);
    // A topic no alarm notifies is not this rule's business.
    const spare = mutated((tf) => {
      FAILING['PAY-CW-005']!(tf);
      for (const alarm of Object.values(tf.resource['aws_cloudwatch_metric_alarm']!)) {
        alarm['alarm_actions'] = ['arn:aws:sns:us-east-1:123456789012:elsewhere'];
        alarm['ok_actions'] = [];
      }
      delete tf.resource['aws_cloudwatch_composite_alarm'];
    });
    expect(rule.check(graphOf(spare))).toEqual([]);
  });

  it('fails a prod stack whose provider has no or an empty allowed_account_ids, at provider.aws', () => {
    const rule = byId('PAY-ACCT-001');
    const withIds = (ids: unknown) => (tf: TfJson) => {
      tf.provider.aws[0]!['allowed_account_ids'] = ids;
      // Prod by its suffix alone (no Profile tag) still counts as prod.
      tf.provider.aws[0]!['default_tags'] = [{ tags: { Environment: 'prod' } }];
    };
    for (const ids of [undefined, []]) {
      expect(rule.check(graphOf(mutated(withIds(ids))))).toEqual([
        { address: 'provider.aws', message: 'allowed_account_ids is not set in a prod stack' },
      ]);
    }
    expect(rule.check(graphOf(mutated(withIds(['123456789012']))))).toEqual([]);
  });

  it('asks for a retained key only where a final snapshot is kept, and accepts an outside key', () => {
    const noSnapshot = mutated((tf) => {
      FAILING['PAY-RDS-018']!(tf);
      res(tf, 'aws_rds_cluster', 'db')['skip_final_snapshot'] = true;
    });
    expect(byId('PAY-RDS-018').check(graphOf(noSnapshot))).toEqual([]);
    const outsideKey = mutated((tf) => {
      FAILING['PAY-RDS-018']!(tf);
      res(tf, 'aws_rds_cluster', 'db')['kms_key_id'] =
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    });
    expect(byId('PAY-RDS-018').check(graphOf(outsideKey))).toEqual([]);
  });

  it('requires a maximum instance lifetime, not only a short one', () => {
    const unset = mutated((tf) => {
      delete res(tf, 'aws_autoscaling_group', 'app')['max_instance_lifetime'];
    });
    expect(byId('PAY-EC2-005').check(graphOf(unset))[0]?.message).toMatch(/no max_instance/);
    const cleared = mutated((tf) => {
      res(tf, 'aws_autoscaling_group', 'app')['max_instance_lifetime'] = 0;
    });
    expect(byId('PAY-EC2-005').check(graphOf(cleared))).toHaveLength(1);
  });

  it('fails an S3 endpoint policy that reaches every bucket without pinning the owner', () => {
    const open = mutated((tf) => {
      res(tf, 'aws_vpc_endpoint', 's3')['policy'] = policy([
        { Sid: 'All', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      ]);
    });
    expect(byId('PAY-VPC-008').check(graphOf(open))[0]?.message).toMatch(/statement All allows/);
    const interfaceEndpoint = mutated((tf) => {
      const endpoint = res(tf, 'aws_vpc_endpoint', 's3');
      delete endpoint['policy'];
      endpoint['vpc_endpoint_type'] = 'Interface';
    });
    expect(byId('PAY-VPC-008').check(graphOf(interfaceEndpoint))).toEqual([]);
  });

  it('accepts ALB log delivery without conditions only under AWSLogs/<account-id>/', () => {
    const albStatement = (resource: string) => (tf: TfJson) => {
      const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
      const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
      doc.Statement.push({
        Sid: 'Alb',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: resource,
      });
      p['policy'] = policy(doc.Statement);
    };
    const scoped = albStatement(
      `${ref('aws_s3_bucket.assets.arn')}/alb/AWSLogs/${ref('data.aws_caller_identity.me.account_id')}/*`,
    );
    expect(byId('PAY-IAM-009').check(graphOf(mutated(scoped)))).toEqual([]);
    const anyAccount = albStatement(`${ref('aws_s3_bucket.assets.arn')}/alb/*`);
    expect(byId('PAY-IAM-009').check(graphOf(mutated(anyAccount)))[0]?.message).toMatch(
      /statement Alb lets logdelivery.elasticloadbalancing.amazonaws.com act for any account/,
    );
  });

  it('PAY-SM-003: a master secret policy must deny reads to all but named principals', () => {
    const rule = RULES.find((r) => r.id === 'PAY-SM-003')!;
    const withPolicy = (statement: Json) =>
      mutated((tf) => {
        res(tf, 'aws_secretsmanager_secret_policy', 'db_master')['policy'] = policy([statement]);
      });
    const deny = {
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    };
    // An allow-only policy, a deny without exceptions by principal, or exceptions for everyone.
    for (const statement of [
      { ...deny, Effect: 'Allow', Principal: { AWS: ref('aws_iam_role.app.arn') } },
      { ...deny, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { ...deny, Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:*'] } } },
    ]) {
      expect(rule.check(graphOf(withPolicy(statement))).length).toBe(1);
    }
    const named = {
      ...deny,
      Action: 'secretsmanager:*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': ref('aws_iam_role.app.arn') } },
    };
    expect(rule.check(graphOf(withPolicy(named)))).toEqual([]);
  });

  it('fails a key administrator who may also use the key', () => {
    const mixed = mutated((tf) => {
      const p = res(tf, 'aws_kms_key_policy', 'key');
      const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
      for (const s of doc.Statement) if (s['Sid'] === 'KeyAdministrators') s['Action'] = 'kms:*';
      p['policy'] = policy(doc.Statement);
    });
    expect(byId('PAY-KMS-006').check(graphOf(mixed))[0]?.message).toMatch(
      /KeyAdministrators lets .*payments-key-admin both administer and use the key/,
    );
  });

  it('asks PostgreSQL in prod for connection logging and write auditing', () => {
    const pg = (params: Json[]) =>
      graphOf(
        mutated((tf) => {
          res(tf, 'aws_rds_cluster', 'db')['engine'] = 'aurora-postgresql';
          res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] = params;
        }),
      );
    const good = pg([
      { name: 'log_connections', value: '1' },
      { name: 'pgaudit.log', value: 'ddl,role,write' },
    ]);
    expect(byId('PAY-RDS-019').check(good)).toEqual([]);
    const bad = pg([{ name: 'pgaudit.log', value: 'ddl,role' }]);
    expect(byId('PAY-RDS-019').check(bad)[0]?.message).toBe(
      'no log_connections = 1 and no pgaudit.log write',
    );
  });

  it('fails an audit-log lock shorter than a year', () => {
    const short = mutated((tf) => {
      res(tf, 'aws_s3_bucket_object_lock_configuration', 'audit_lock')['rule'] = {
        default_retention: { mode: 'COMPLIANCE', days: 90 },
      };
    });
    expect(byId('PAY-S3-021').check(graphOf(short))[0]?.message).toBe(
      'locks audit logs for 90 days, under 365',
    );
  });

  it('accepts every TLS policy of the allow-list and rejects the API default', async () => {
    const { ALLOWED_TLS_POLICIES } = await import('../../src/config/tls-policies');
    for (const p of ALLOWED_TLS_POLICIES) {
      const g = graphOf(
        mutated((tf) => void (res(tf, 'aws_lb_listener', 'https')['ssl_policy'] = p)),
      );
      expect(byId('PAY-ALB-008').check(g)).toEqual([]);
    }
    const unset = graphOf(
      mutated((tf) => void delete res(tf, 'aws_lb_listener', 'https')['ssl_policy']),
    );
    expect(byId('PAY-ALB-008').check(unset)[0]?.message).toMatch(/no ssl_policy/);
  });

  it('checks PostgreSQL parameters by their own names, and flags default parameter groups', () => {
    const pg = (params: Json[]) =>
      graphOf(
        mutated((tf) => {
          res(tf, 'aws_rds_cluster', 'db')['engine'] = 'aurora-postgresql';
          res(tf, 'aws_rds_cluster_parameter_group', 'db')['parameter'] = params;
        }),
      );
    const good = pg([
      { name: 'rds.force_ssl', value: '1' },
      { name: 'log_statement', value: 'ddl' },
      { name: 'log_min_duration_statement', value: '1000' },
    ]);
    expect(byId('PAY-RDS-016').check(good)).toEqual([]);
    expect(byId('PAY-RDS-017').check(good)).toEqual([]);
    const bad = pg([
      { name: 'require_secure_transport', value: 'ON' },
      { name: 'log_statement', value: 'none' },
    ]);
    expect(byId('PAY-RDS-016').check(bad)[0]?.message).toMatch(/rds.force_ssl/);
    expect(byId('PAY-RDS-017').check(bad)[0]?.message).toMatch(
      /log_statement and log_min_duration_statement/,
    );
    const defaults = graphOf(
      mutated(
        (tf) => void delete res(tf, 'aws_rds_cluster', 'db')['db_cluster_parameter_group_name'],
      ),
    );
    expect(byId('PAY-RDS-016').check(defaults)[0]?.message).toMatch(/default parameter group/);
  });

  it('finds the database reachable from a CIDR range', () => {
    const g = graphOf(
      mutated((tf) =>
        add(tf, 'aws_vpc_security_group_ingress_rule', 'db_cidr', {
          security_group_id: ref('aws_security_group.db.id'),
          description: 'VPC',
          cidr_ipv4: '10.0.0.0/16',
          ip_protocol: 'tcp',
          from_port: 3306,
          to_port: 3306,
        }),
      ),
    );
    expect(
      byId('PAY-SG-009')
        .check(g)
        .map((v) => v.address),
    ).toEqual(['aws_vpc_security_group_ingress_rule.db_cidr']);
  });

  it('reads inline security group rules and aws_security_group_rule resources too', () => {
    const inline = graphOf(
      mutated((tf) => {
        res(tf, 'aws_security_group', 'app')['ingress'] = [
          {
            protocol: 'tcp',
            from_port: 22,
            to_port: 22,
            cidr_blocks: ['0.0.0.0/0'],
            description: 'ssh',
          },
        ];
      }),
    );
    expect(byId('PAY-SG-002').check(inline)).toHaveLength(1);
    const legacy = graphOf(
      mutated((tf) =>
        add(tf, 'aws_security_group_rule', 'rdp', {
          type: 'ingress',
          security_group_id: ref('aws_security_group.app.id'),
          protocol: 'tcp',
          from_port: 3000,
          to_port: 4000,
          ipv6_cidr_blocks: ['::/0'],
          description: 'range',
        }),
      ),
    );
    expect(byId('PAY-SG-003').check(legacy)).toHaveLength(1);
  });

  it('reads IAM policies from aws_iam_policy_document data sources', () => {
    const g = graphOf(
      mutated((tf) => {
        tf.data!['aws_iam_policy_document'] = {
          ...tf.data!['aws_iam_policy_document'],
          admin: { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] },
        };
        res(tf, 'aws_iam_role_policy', 'app')['policy'] = ref(
          'data.aws_iam_policy_document.admin.json',
        );
      }),
    );
    expect(byId('PAY-IAM-001').check(g)).toHaveLength(1);
    const trust = graphOf(
      mutated((tf) => {
        const doc = tf.data!['aws_iam_policy_document']!['trust']!;
        doc['statement'] = [
          {
            effect: 'Allow',
            actions: ['sts:AssumeRole'],
            principals: [{ type: '*', identifiers: ['*'] }],
          },
        ];
      }),
    );
    expect(byId('PAY-IAM-005').check(trust)).toHaveLength(1);
  });

  it('finds secrets in user data, container environments and variable defaults', () => {
    const sec = byId('PAY-SEC-001');
    const userData = graphOf(
      mutated((tf) => {
        res(tf, 'aws_launch_template', 'app')['user_data'] = Buffer.from(
          '#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n',
        ).toString('base64');
      }),
    );
    expect(sec.check(userData)[0]?.message).toMatch(/AWS access key/);
    const env = graphOf(
      mutated((tf) =>
        containers(
          tf,
          (c) => void (c['environment'] = [{ name: 'API_TOKEN', value: 'tok-123456' }]),
        ),
      ),
    );
    expect(sec.check(env)[0]?.message).toMatch(/secret-looking name/);
    const variable = graphOf(
      mutated(
        (tf) => void (tf.variable = { db_password: { type: 'string', default: 'changeme123' } }),
      ),
    );
    expect(sec.check(variable).map((v) => v.address)).toEqual(['var.db_password']);
    const reference = graphOf(
      mutated(
        (tf) =>
          void (res(tf, 'aws_rds_cluster', 'db')['master_password'] = ref(
            'random_password.db.result',
          )),
      ),
    );
    expect(sec.check(reference)).toEqual([]);
  });

  it('finds secrets kept in state by secret versions and SSM parameters, not write-only ones', () => {
    const rule = byId('PAY-SEC-003');
    const version = (attrs: Json) =>
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_secretsmanager_secret_version', 'v', {
            secret_id: ref('aws_secretsmanager_secret.api.id'),
            ...attrs,
          }),
        ),
      );
    expect(rule.check(version({ secret_string: ref('var.token') }))).toHaveLength(1);
    expect(
      rule.check(version({ secret_string_wo: ref('var.token'), secret_string_wo_version: 1 })),
    ).toEqual([]);
    const param = (type: string) =>
      graphOf(
        mutated((tf) =>
          add(tf, 'aws_ssm_parameter', 'p', { name: '/x', type, value: ref('var.v') }),
        ),
      );
    expect(rule.check(param('SecureString'))).toHaveLength(1);
    expect(rule.check(param('String'))).toEqual([]);
  });

  it('checks the references inside policy JSON strings', () => {
    const g = graphOf(
      mutated((tf) => {
        const p = res(tf, 'aws_s3_bucket_policy', 'assets_pol');
        p['policy'] = (p['policy'] as string).replace(
          'aws_s3_bucket.assets.arn',
          'aws_s3_bucket.gone.arn',
        );
      }),
    );
    expect(
      byId('PAY-REF-001')
        .check(g)
        .map((v) => v.address),
    ).toContain('aws_s3_bucket_policy.assets_pol');
  });

  it('PAY-SEC-001: reads an IAM action such as secretsmanager:GetSecretValue as a name', () => {
    const sec = RULES.find((r) => r.id === 'PAY-SEC-001')!;
    const inPolicy = (statement: Json) =>
      graphOf(
        mutated(
          (tf) => void (res(tf, 'aws_iam_role_policy', 'app')['policy'] = policy([statement])),
        ),
      );
    const allow = { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: '*' };
    expect(sec.check(inPolicy(allow))).toEqual([]);
    // The failing case: the same text anywhere but an Action is still a secret-looking pair.
    expect(sec.check(inPolicy({ ...allow, Sid: 'secret:hunter22' })).length).toBe(1);
  });

  it('finds credentials in scripts and YAML, but not in prose or references', () => {
    const sec = byId('PAY-SEC-001');
    const userData = (script: string) =>
      sec.check(
        graphOf(
          mutated((tf) => {
            res(tf, 'aws_launch_template', 'app')['user_data'] =
              Buffer.from(script).toString('base64');
          }),
        ),
      );
    expect(userData('#!/bin/bash\nexport DB_PASSWORD=hunter22\n')).toHaveLength(1);
    expect(userData('#!/bin/bash\nexport MY_SECRET_KEY="abcd1234"\n')).toHaveLength(1);
    expect(userData('#cloud-config\napi_key: abcdef123456\n')).toHaveLength(1);
    expect(
      userData('#!/bin/bash\nexport DB_PASSWORD="$(aws secretsmanager get-secret-value)"\n'),
    ).toEqual([]);
    expect(
      userData('#!/bin/bash\nTOKEN=$(curl -X PUT http://169.254.169.254/latest/api/token)\n'),
    ).toEqual([]);
    const prose = graphOf(
      mutated(
        (tf) =>
          void (res(tf, 'aws_secretsmanager_secret', 'api')['description'] =
            'Rotate the secret: every 30 days'),
      ),
    );
    expect(sec.check(prose)).toEqual([]);
  });

  it('reports a reference to an output as unresolvable', () => {
    const g = graphOf(
      mutated((tf) => void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('output.vpc_id'))),
    );
    expect(byId('PAY-REF-001').check(g)[0]?.message).toMatch(/not declared|output/);
  });
});
