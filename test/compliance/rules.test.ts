/**
 * Every rule, table-driven: it passes on the compliant fixture (which contains resources it
 * applies to) and fails on that fixture with one targeted change. A rule added to the
 * registry without a failing fixture here fails the "every rule has fixtures" test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/compliance/engine';
import { appliesTo } from '../../src/compliance/rule';
import { RULES } from '../../src/compliance/rules';
import { parseSuppressions } from '../../src/compliance/suppressions';
import type { Json, TfJson } from '../fixtures/compliant-stack';
import {
  add,
  addBucketStatement,
  compliantStack,
  containers,
  graphOf,
  mutated,
  policy,
  ref,
  res,
} from '../fixtures/compliant-stack';

/**
 * Every rule, table-driven: it passes on the compliant fixture (which contains resources it
 * applies to) and fails on that fixture with one targeted change. A rule added to the
 * registry without a failing fixture here fails the "every rule has fixtures" test.
 */

type Mutation = (tf: TfJson) => void;

const del = (tf: TfJson, type: string, name?: string) => {
  if (name) delete tf.resource[type]![name];
  else delete tf.resource[type];
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
/** A resource policy that lets any AWS principal (`*`) do `action`. */
const anyoneMay = (sid: string, action: string) =>
  policy([{ Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: action, Resource: '*' }]);
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
  'PAY-S3-013': (tf) =>
    addBucketStatement(tf, {
      Sid: 'Public',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
    }),
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
  'PAY-S3-021': (tf) => del(tf, 'aws_s3_bucket_replication_configuration', 'audit_repl'),
  'PAY-S3-022': (tf) =>
    add(tf, 'aws_s3_bucket_object_lock_configuration', 'audit_lock', {
      bucket: ref('aws_s3_bucket.audit.id'),
      rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } },
    }),
  'PAY-VPC-008': (tf) => void delete res(tf, 'aws_vpc_endpoint', 's3')['policy'],
  // Main's stacks: the VPC's default ACL left with AWS's allow-all rules.
  'PAY-VPC-009': (tf) => del(tf, 'aws_default_network_acl'),
  // Main's stacks: no subnet or security group says it is in the CDE.
  'PAY-VPC-010': (tf) => void delete res(tf, 'aws_subnet', 'data')['tags'],

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
  // Accepted by main's supportsDataApi (any major above 17); AWS's table starts 18 at 18.3.
  'PAY-RDS-020': (tf) => {
    const db = res(tf, 'aws_rds_cluster', 'db');
    Object.assign(db, {
      engine: 'aurora-postgresql',
      engine_version: '18.2',
      enable_http_endpoint: true,
    });
  },

  'PAY-KMS-006': (tf) => {
    const p = res(tf, 'aws_kms_key_policy', 'key');
    const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
    p['policy'] = policy(doc.Statement.filter((s) => s['Sid'] !== 'KeyAdministrators'));
  },
  'PAY-KMS-001': (tf) => void (res(tf, 'aws_kms_key', 'key')['enable_key_rotation'] = false),
  'PAY-KMS-002': (tf) =>
    void (res(tf, 'aws_kms_key_policy', 'key')['policy'] = anyoneMay('Everyone', 'kms:Decrypt')),
  'PAY-KMS-003': (tf) => void (res(tf, 'aws_kms_key', 'key')['is_enabled'] = false),
  'PAY-KMS-004': (tf) => del(tf, 'aws_kms_key_policy'),
  'PAY-KMS-005': (tf) => void delete res(tf, 'aws_kms_key', 'key')['deletion_window_in_days'],

  'PAY-CW-001': (tf) => void delete res(tf, 'aws_cloudwatch_log_group', 'app')['kms_key_id'],
  'PAY-CW-002': (tf) => void delete res(tf, 'aws_cloudwatch_log_group', 'app')['retention_in_days'],
  'PAY-CW-003': (tf) => void (res(tf, 'aws_cloudwatch_log_group', 'app')['retention_in_days'] = 90),
  'PAY-CW-004': (tf) => void delete res(tf, 'aws_cloudwatch_metric_alarm', 'cpu')['alarm_actions'],
  'PAY-CW-005': (tf) => del(tf, 'aws_sns_topic_subscription'),
  // Main's stacks: no alarm watches any log destination.
  'PAY-CW-006': (tf) => del(tf, 'aws_cloudwatch_metric_alarm', 'log_delivery'),

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
  'PAY-SNS-002': (tf) =>
    void (res(tf, 'aws_sns_topic_policy', 'alarms')['policy'] = anyoneMay('Anyone', 'sns:Publish')),
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
  // Main's admin session policy: StartSession with no document check, so no document means
  // the default shell.
  'PAY-IAM-010': (tf) => {
    const p = res(tf, 'aws_iam_policy', 'admin_session');
    const doc = JSON.parse(p['policy'] as string) as { Statement: Json[] };
    delete doc.Statement[0]!['Condition'];
    p['policy'] = policy(doc.Statement);
  },

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
  'PAY-ACCT-003': (tf) => void delete tf.locals!['account_baseline'],
  'PAY-ACCT-004': (tf) => {
    res(tf, 'aws_cloudtrail', 'trail')['enable_log_file_validation'] = false;
  },
  'PAY-ACCT-005': (tf) => del(tf, 'aws_guardduty_detector_feature', 'rds'),
  'PAY-ACCT-006': (tf) => del(tf, 'aws_securityhub_standards_subscription', 'pci'),
  'PAY-ACCT-007': (tf) => del(tf, 'aws_config_configuration_recorder_status'),
  'PAY-ACCT-008': (tf) => {
    const doc = res(tf, 'aws_ssm_document', 'session');
    doc['content'] = String(doc['content']).replace('"15"', '"20"');
  },
  'PAY-ACCT-009': (tf) => del(tf, 'aws_ebs_default_kms_key'),
  'PAY-ACCT-010': (tf) => {
    res(tf, 'aws_s3_account_public_access_block', 'account')['restrict_public_buckets'] = false;
  },
  'PAY-ACCT-011': (tf) => {
    res(tf, 'aws_inspector2_enabler', 'inspector')['resource_types'] = ['EC2'];
  },
  // The prod plan role trusts pull requests.
  'PAY-ACCT-012': (tf) => {
    const role = res(tf, 'aws_iam_role', 'ci_plan');
    role['assume_role_policy'] = String(role['assume_role_policy']).replace(
      'ref:refs/heads/main',
      'pull_request',
    );
  },
  // The apply role may create roles without the boundary.
  'PAY-ACCT-013': (tf) => {
    const p = res(tf, 'aws_iam_policy', 'ci_apply');
    p['policy'] = String(p['policy']).replace('"iam:PermissionsBoundary"', '"iam:RoleName"');
  },
  // The apply role's guardrails are gone.
  'PAY-ACCT-014': (tf) => del(tf, 'aws_iam_role_policy', 'ci_apply'),
  // The plan role reads every state object of the bucket.
  'PAY-ACCT-015': (tf) => {
    const p = res(tf, 'aws_iam_policy', 'ci_plan');
    p['policy'] = String(p['policy']).replace('prod/payment-prod.tfstate"', '*"');
  },
  // Compared with a staging stack in the same account (ACROSS below).
  'PAY-ACCT-002': (tf) => void (tf.provider.aws[0]!['allowed_account_ids'] = ['210987654321']),
};

/** The row IDs of the catalogue's table rows whose ★ column is marked. */
function starredCatalogueRows(markdown: string): string[] {
  return [...markdown.matchAll(/^\| ([A-Z]\d+) +\| ★ +\|/gm)].map((m) => m[1]!);
}

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

  it('maps every starred row of docs/scanner-catalogue.md to a rule', () => {
    const starred = starredCatalogueRows(readFileSync('docs/scanner-catalogue.md', 'utf8'));
    expect(starred.length).toBeGreaterThanOrEqual(54);
    const covered = new Set(RULES.flatMap((r) => r.catalogue?.split('/') ?? []));
    expect(starred.filter((s) => !covered.has(s))).toEqual([]);
  });

  it('names only catalogue rows that docs/scanner-catalogue.md lists', () => {
    const listed = new Set(
      [...readFileSync('docs/scanner-catalogue.md', 'utf8').matchAll(/^\| ([A-Z]\d+) +\|/gm)].map(
        (m) => m[1]!,
      ),
    );
    const named = RULES.flatMap((r) => (r.catalogue?.split('/') ?? []).map((row) => [r.id, row]));
    expect(named.filter(([, row]) => !listed.has(row!))).toEqual([]);
    expect(listed.has('S1') && !listed.has('S99')).toBe(true);
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

/** The other stacks of the run, for the rules that compare environments. */
const ACROSS: Record<string, () => TfJson[]> = {
  'PAY-ACCT-002': () => [
    mutated((tf) => {
      tf.provider.aws[0]!['allowed_account_ids'] = ['210987654321'];
      tf.provider.aws[0]!['default_tags'] = [
        { tags: { Environment: 'staging', Profile: 'staging' } },
      ];
    }),
  ],
};

describe('every rule fails on its failing fixture', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s fails', (id, rule) => {
    const graph = graphOf(mutated(FAILING[id]!));
    const others = (ACROSS[id]?.() ?? []).map((tf, i) => graphOf(tf, `payment-other-${i}`));
    const violations = rule.check(graph, [graph, ...others]);
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
      'PAY-ACCT-002',
      'PAY-ACCT-003',
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
      const others = (ACROSS[id]?.() ?? []).map((tf, i) => graphOf(tf, `payment-other-${i}`));
      const prod = evaluate(
        [graphOf(mutated(FAILING[id]!), 'payment-prod'), ...others],
        [rule],
        none,
      );
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
});

describe('scanner IDs in rule metadata', () => {
  it('are spelled as each scanner spells them', () => {
    const shapes: Record<string, RegExp> = {
      checkov: /^CKV2?_AWS_\d{1,3}$/,
      trivy: /^AWS-\d{4}$/,
      kics: /^[0-9a-f]{8}$/,
      securityHub: /^[A-Za-z][A-Za-z0-9]*\.\d{1,2}$/,
      cdkNag: /^(PCI\.DSS\.321|AwsSolutions)-[A-Za-z0-9]+$/,
    };
    const bad = RULES.flatMap((r) =>
      Object.entries(r.equivalents).flatMap(([tool, ids]) =>
        (ids as readonly string[])
          .filter((id) => !shapes[tool]!.test(id))
          .map((id) => `${r.id} ${tool} ${id}`),
      ),
    );
    expect(bad).toEqual([]);
  });
});

/** Rules built with `attributeRule`: one attribute decides. */
const ATTRIBUTE_RULES = RULES.filter((r) => r.attribute !== undefined);

/** Attribute rules an absent attribute complies with (the provider default is safe). */
const ABSENT_COMPLIES = new Set([
  'PAY-ACM-002',
  'PAY-ALB-004',
  'PAY-ECS-010',
  'PAY-ECS-011',
  'PAY-KMS-003',
  'PAY-RDS-008',
  'PAY-RDS-010',
  'PAY-RDS-014',
  'PAY-VPC-003',
]);

/** Sets (or, with `undefined`, deletes) a dotted attribute on every resource of `types`. */
function setAttribute(
  tf: TfJson,
  types: readonly string[],
  path: string,
  value: unknown,
): string[] {
  const addresses: string[] = [];
  for (const type of types) {
    for (const [name, block] of Object.entries(tf.resource[type] ?? {})) {
      const steps = path.split('.');
      let cur: Json = block;
      for (const step of steps.slice(0, -1)) {
        const next = cur[step];
        const inner = Array.isArray(next) ? (next[0] as Json | undefined) : (next as Json);
        if (inner === undefined || inner === null) cur = cur[step] = {};
        else cur = inner;
      }
      if (value === undefined) delete cur[steps.at(-1)!];
      else cur[steps.at(-1)!] = value;
      addresses.push(`${type}.${name}`);
    }
  }
  return addresses;
}

describe('one-attribute rules (attributeRule): missing, wrong and computed values', () => {
  it('covers the one-attribute rules of every area that has them', () => {
    expect(ATTRIBUTE_RULES.length).toBeGreaterThanOrEqual(25);
  });

  const cases = ATTRIBUTE_RULES.map((r) => [r.id, r] as const);

  // PAY-CW-001 takes a reference as the value it wants (tested below).
  const literalCases = cases.filter(([id]) => id !== 'PAY-CW-001');

  it.each(literalCases)('%s reports a computed value as unknown, at the resource', (_id, rule) => {
    let addresses: string[] = [];
    const graph = graphOf(
      mutated((tf) => {
        addresses = setAttribute(tf, rule.resourceTypes, rule.attribute!, '${var.computed}');
      }),
    );
    const violations = rule.check(graph);
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(addresses).toContain(v.address);
      expect(v).toMatchObject({ unknown: true });
      expect(v.message).toBe(
        `${rule.attribute} is computed at apply time (\${var.computed}), so it cannot be checked before deploy`,
      );
    }
  });

  it.each(cases)('%s fails a missing attribute at the resource, or accepts it', (id, rule) => {
    let addresses: string[] = [];
    const graph = graphOf(
      mutated((tf) => {
        addresses = setAttribute(tf, rule.resourceTypes, rule.attribute!, undefined);
      }),
    );
    const violations = rule.check(graph);
    if (ABSENT_COMPLIES.has(id)) expect(violations).toEqual([]);
    else {
      expect(violations.length).toBeGreaterThan(0);
      for (const v of violations) {
        expect(addresses).toContain(v.address);
        expect(v.unknown).toBeUndefined();
      }
    }
  });

  it.each(cases)('%s fails a wrong value at the resource (its failing fixture)', (id, rule) => {
    const resources = mutated(() => {});
    const addresses = rule.resourceTypes.flatMap((t) =>
      Object.keys(resources.resource[t] ?? {}).map((n) => `${t}.${n}`),
    );
    const violations = rule.check(graphOf(mutated(FAILING[id]!)));
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(addresses).toContain(v.address);
      expect(v.unknown).toBeUndefined();
    }
  });

  it('counts a reference as set where any key will do (PAY-CW-001), not as unknown', () => {
    const rule = RULES.find((r) => r.id === 'PAY-CW-001')!;
    const graph = graphOf(
      mutated((tf) => {
        setAttribute(tf, rule.resourceTypes, 'kms_key_id', '${aws_kms_key.logs.arn}');
      }),
    );
    expect(rule.check(graph)).toEqual([]);
  });
});
