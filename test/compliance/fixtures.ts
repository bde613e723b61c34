/**
 * Hand-written Terraform JSON for the rule tests: `compliantStack()` holds one of every
 * resource type the rules look at, each configured correctly, so every rule passes on it
 * (and none is "not applicable"). A rule's failing fixture is this stack with one change.
 */
import type { StackGraph } from '../../src/compliance/graph';
import { buildGraph } from '../../src/compliance/graph';

export type Json = Record<string, unknown>;
export type Resources = Record<string, Record<string, Json>>;

export interface TfJson {
  '//'?: Json;
  terraform?: Json;
  provider: { aws: Json[] };
  resource: Resources;
  data?: Resources;
  output?: Record<string, Json>;
  variable?: Record<string, Json>;
  locals?: Json;
}

const ref = (s: string) => `\${${s}}`;
const policy = (statements: Json[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const ACCOUNT = ref('data.aws_caller_identity.me.account_id');

function bucketSet(name: string, logTarget: string): Resources {
  const b = `aws_s3_bucket.${name}`;
  return {
    aws_s3_bucket: { [name]: { bucket: `payment-${name}-123456789012-use1-prod` } },
    aws_s3_bucket_versioning: {
      [`${name}_v`]: {
        bucket: ref(`${b}.id`),
        versioning_configuration: { status: 'Enabled', mfa_delete: 'Enabled' },
      },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      [`${name}_sse`]: {
        bucket: ref(`${b}.id`),
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: ref('aws_kms_key.key.arn'),
            },
            bucket_key_enabled: true,
          },
        ],
      },
    },
    aws_s3_bucket_public_access_block: {
      [`${name}_pab`]: {
        bucket: ref(`${b}.id`),
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
    aws_s3_bucket_ownership_controls: {
      [`${name}_own`]: {
        bucket: ref(`${b}.id`),
        rule: { object_ownership: 'BucketOwnerEnforced' },
      },
    },
    aws_s3_bucket_lifecycle_configuration: {
      [`${name}_lc`]: {
        bucket: ref(`${b}.id`),
        rule: [
          {
            id: 'abort',
            status: 'Enabled',
            filter: [{ prefix: '' }],
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          },
        ],
      },
    },
    aws_s3_bucket_logging: {
      [`${name}_log`]: {
        bucket: ref(`${b}.id`),
        target_bucket: ref(`aws_s3_bucket.${logTarget}.id`),
        target_prefix: `s3/${name}/`,
      },
    },
    aws_s3_bucket_policy: {
      [`${name}_pol`]: {
        bucket: ref(`${b}.id`),
        policy: policy([
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [ref(`${b}.arn`), `${ref(`${b}.arn`)}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'DenyTlsBelow12',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [ref(`${b}.arn`), `${ref(`${b}.arn`)}/*`],
            Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
          },
          {
            Sid: 'LogDelivery',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: `${ref(`${b}.arn`)}/s3/*`,
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ]),
      },
    },
  };
}

const CONTAINERS = JSON.stringify([
  {
    name: 'app',
    image: 'public.ecr.aws/nginx/nginx:1.27',
    essential: true,
    readonlyRootFilesystem: true,
    privileged: false,
    environment: [{ name: 'APP_ENV', value: 'prod' }],
    secrets: [
      { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' },
    ],
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/payment/app' } },
  },
]);

function merge(...parts: Resources[]): Resources {
  const out: Resources = {};
  for (const part of parts)
    for (const [type, byName] of Object.entries(part)) out[type] = { ...out[type], ...byName };
  return out;
}

/** A prod stack where every rule applies and passes. */
export function compliantStack(): TfJson {
  const sg = (name: string, description: string) => ({
    name: `payment-${name}-prod`,
    description,
    vpc_id: ref('aws_vpc.vpc.id'),
  });
  const resources = merge(
    bucketSet('assets', 'logs'),
    bucketSet('logs', 'assets'),
    bucketSet('audit', 'logs'),
    {
      // The audit-log bucket (flow, ALB and WAF logs) is object-locked; the server access log
      // target (logs) cannot be.
      aws_s3_bucket_object_lock_configuration: {
        audit_lock: {
          bucket: ref('aws_s3_bucket.audit.id'),
          rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } },
        },
      },
      aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } },
      aws_vpc_endpoint: {
        s3: {
          vpc_id: ref('aws_vpc.vpc.id'),
          service_name: 'com.amazonaws.us-east-1.s3',
          vpc_endpoint_type: 'Gateway',
          policy: policy([
            {
              Sid: 'OwnBuckets',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } },
            },
            {
              Sid: 'EcrLayers',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*',
            },
          ]),
        },
      },
      aws_default_security_group: { default: { vpc_id: ref('aws_vpc.vpc.id') } },
      aws_flow_log: {
        flow: {
          vpc_id: ref('aws_vpc.vpc.id'),
          traffic_type: 'ALL',
          log_destination_type: 's3',
          log_destination: ref('aws_s3_bucket.audit.arn'),
          log_format: '$${version} $${srcaddr} $${dstaddr}',
        },
      },
      aws_internet_gateway: { igw: { vpc_id: ref('aws_vpc.vpc.id') } },
      // One NAT gateway per AZ with app subnets, each private route table on its own AZ's
      // (the stack survives losing any one AZ: PAY-RES-001).
      aws_eip: { nat: { domain: 'vpc' }, nat2: { domain: 'vpc' } },
      aws_nat_gateway: {
        nat: { allocation_id: ref('aws_eip.nat.id'), subnet_id: ref('aws_subnet.public.id') },
        nat2: { allocation_id: ref('aws_eip.nat2.id'), subnet_id: ref('aws_subnet.public2.id') },
      },
      aws_subnet: {
        public: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.0.0/24',
          map_public_ip_on_launch: false,
          availability_zone: ref('data.aws_availability_zones.az.names[0]'),
          tags: { Tier: 'public' },
        },
        public2: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.4.0/24',
          map_public_ip_on_launch: false,
          availability_zone: ref('data.aws_availability_zones.az.names[1]'),
          tags: { Tier: 'public' },
        },
        private2: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.5.0/24',
          map_public_ip_on_launch: false,
          availability_zone: ref('data.aws_availability_zones.az.names[0]'),
          tags: { Tier: 'private' },
        },
        private: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.1.0/24',
          map_public_ip_on_launch: false,
          availability_zone: ref('element(data.aws_availability_zones.az.names, 1)'),
          tags: { Tier: 'private' },
        },
        data: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.2.0/24',
          availability_zone: ref('data.aws_availability_zones.az.names.2'),
          tags: { Tier: 'data' },
        },
        data2: {
          vpc_id: ref('aws_vpc.vpc.id'),
          cidr_block: '10.0.3.0/24',
          availability_zone: ref(
            '(length(data.aws_availability_zones.az.names) >= 3) ? data.aws_availability_zones.az.names[2] : data.aws_availability_zones.az.names[0]',
          ),
          tags: { Tier: 'data' },
        },
      },
      aws_route_table: {
        public: { vpc_id: ref('aws_vpc.vpc.id') },
        private: { vpc_id: ref('aws_vpc.vpc.id') },
        private2: { vpc_id: ref('aws_vpc.vpc.id') },
        data: { vpc_id: ref('aws_vpc.vpc.id') },
      },
      aws_route: {
        public_default: {
          route_table_id: ref('aws_route_table.public.id'),
          destination_cidr_block: '0.0.0.0/0',
          gateway_id: ref('aws_internet_gateway.igw.id'),
        },
        private_default: {
          route_table_id: ref('aws_route_table.private.id'),
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref('aws_nat_gateway.nat2.id'),
        },
        private2_default: {
          route_table_id: ref('aws_route_table.private2.id'),
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref('aws_nat_gateway.nat.id'),
        },
      },
      aws_route_table_association: {
        public: {
          subnet_id: ref('aws_subnet.public.id'),
          route_table_id: ref('aws_route_table.public.id'),
        },
        private: {
          subnet_id: ref('aws_subnet.private.id'),
          route_table_id: ref('aws_route_table.private.id'),
        },
        public2: {
          subnet_id: ref('aws_subnet.public2.id'),
          route_table_id: ref('aws_route_table.public.id'),
        },
        private2: {
          subnet_id: ref('aws_subnet.private2.id'),
          route_table_id: ref('aws_route_table.private2.id'),
        },
        data: {
          subnet_id: ref('aws_subnet.data.id'),
          route_table_id: ref('aws_route_table.data.id'),
        },
        data2: {
          subnet_id: ref('aws_subnet.data2.id'),
          route_table_id: ref('aws_route_table.data.id'),
        },
      },
      aws_security_group: {
        alb: sg('alb-sg', 'Load balancer'),
        app: sg('app-sg', 'App tier'),
        db: sg('db-sg', 'Database'),
      },
      aws_vpc_security_group_ingress_rule: {
        alb_https: {
          security_group_id: ref('aws_security_group.alb.id'),
          description: 'HTTPS from the VPC',
          cidr_ipv4: '10.0.0.0/16',
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
        },
        app_from_alb: {
          security_group_id: ref('aws_security_group.app.id'),
          description: 'App port from the ALB',
          referenced_security_group_id: ref('aws_security_group.alb.id'),
          ip_protocol: 'tcp',
          from_port: 8080,
          to_port: 8080,
        },
        db_from_app: {
          security_group_id: ref('aws_security_group.db.id'),
          description: 'MySQL from the app',
          referenced_security_group_id: ref('aws_security_group.app.id'),
          ip_protocol: 'tcp',
          from_port: 3306,
          to_port: 3306,
        },
      },
      aws_vpc_security_group_egress_rule: {
        alb_to_app: {
          security_group_id: ref('aws_security_group.alb.id'),
          description: 'To the app',
          referenced_security_group_id: ref('aws_security_group.app.id'),
          ip_protocol: 'tcp',
          from_port: 8080,
          to_port: 8080,
        },
        app_to_db: {
          security_group_id: ref('aws_security_group.app.id'),
          description: 'To the DB',
          referenced_security_group_id: ref('aws_security_group.db.id'),
          ip_protocol: 'tcp',
          from_port: 3306,
          to_port: 3306,
        },
      },
      aws_lb: {
        alb: {
          name: 'payment-alb-prod',
          internal: true,
          load_balancer_type: 'application',
          security_groups: [ref('aws_security_group.alb.id')],
          subnets: [ref('aws_subnet.public.id'), ref('aws_subnet.public2.id')],
          drop_invalid_header_fields: true,
          enable_deletion_protection: true,
          desync_mitigation_mode: 'strictest',
          access_logs: {
            enabled: true,
            bucket: ref('aws_s3_bucket.audit.bucket'),
            prefix: 'alb/access',
          },
        },
      },
      aws_lb_target_group: {
        app: {
          name: 'payment-app-prod',
          port: 8080,
          protocol: 'HTTP',
          vpc_id: ref('aws_vpc.vpc.id'),
          health_check: { enabled: true, path: '/health', matcher: '200' },
        },
      },
      aws_lb_listener: {
        http: {
          load_balancer_arn: ref('aws_lb.alb.arn'),
          port: 80,
          protocol: 'HTTP',
          default_action: [
            {
              type: 'redirect',
              redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' },
            },
          ],
        },
        https: {
          load_balancer_arn: ref('aws_lb.alb.arn'),
          port: 443,
          protocol: 'HTTPS',
          ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
          certificate_arn: ref('aws_acm_certificate_validation.cert.certificate_arn'),
          default_action: [
            { type: 'forward', target_group_arn: ref('aws_lb_target_group.app.arn') },
          ],
        },
      },
      aws_acm_certificate: {
        cert: {
          domain_name: 'pay.example.com',
          validation_method: 'DNS',
          lifecycle: { create_before_destroy: true },
        },
      },
      aws_acm_certificate_validation: {
        cert: { certificate_arn: ref('aws_acm_certificate.cert.arn') },
      },
      aws_wafv2_web_acl: {
        acl: {
          name: 'payment-waf-prod',
          scope: 'REGIONAL',
          default_action: { allow: {} },
          visibility_config: {
            cloudwatch_metrics_enabled: true,
            metric_name: 'acl',
            sampled_requests_enabled: true,
          },
          rule: [
            {
              name: 'known-bad-inputs',
              priority: 1,
              override_action: { none: {} },
              statement: {
                managed_rule_group_statement: {
                  vendor_name: 'AWS',
                  name: 'AWSManagedRulesKnownBadInputsRuleSet',
                },
              },
              visibility_config: {
                cloudwatch_metrics_enabled: true,
                metric_name: 'kbi',
                sampled_requests_enabled: true,
              },
            },
          ],
        },
      },
      aws_wafv2_web_acl_association: {
        alb: { resource_arn: ref('aws_lb.alb.arn'), web_acl_arn: ref('aws_wafv2_web_acl.acl.arn') },
      },
      aws_wafv2_web_acl_logging_configuration: {
        acl: {
          resource_arn: ref('aws_wafv2_web_acl.acl.arn'),
          log_destination_configs: [ref('aws_s3_bucket.audit.arn')],
        },
      },
      aws_launch_template: {
        app: {
          name: 'payment-app-prod',
          image_id:
            'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          instance_type: 'm7i.large',
          vpc_security_group_ids: [ref('aws_security_group.app.id')],
          metadata_options: { http_tokens: 'required', http_endpoint: 'enabled' },
          block_device_mappings: [
            {
              device_name: '/dev/xvda',
              ebs: { encrypted: true, kms_key_id: ref('aws_kms_key.key.arn'), volume_size: 30 },
            },
          ],
          user_data: Buffer.from('#!/bin/bash\nsystemctl start app\n').toString('base64'),
        },
      },
      aws_autoscaling_group: {
        app: {
          min_size: 3,
          max_size: 12,
          vpc_zone_identifier: [ref('aws_subnet.private.id'), ref('aws_subnet.private2.id')],
          target_group_arns: [ref('aws_lb_target_group.app.arn')],
          health_check_type: 'ELB',
          max_instance_lifetime: 1209600,
          launch_template: { id: ref('aws_launch_template.app.id'), version: '$Latest' },
        },
      },
      aws_ecs_cluster: {
        app: { name: 'payment-prod', setting: [{ name: 'containerInsights', value: 'enhanced' }] },
      },
      aws_ecs_task_definition: {
        app: {
          family: 'payment-app-prod',
          network_mode: 'awsvpc',
          requires_compatibilities: ['FARGATE'],
          execution_role_arn: ref('aws_iam_role.exec.arn'),
          task_role_arn: ref('aws_iam_role.app.arn'),
          container_definitions: CONTAINERS,
        },
      },
      aws_ecs_service: {
        app: {
          name: 'payment-app-prod',
          cluster: ref('aws_ecs_cluster.app.id'),
          task_definition: ref('aws_ecs_task_definition.app.arn'),
          launch_type: 'FARGATE',
          desired_count: 2,
          network_configuration: {
            subnets: [ref('aws_subnet.private.id'), ref('aws_subnet.private2.id')],
            security_groups: [ref('aws_security_group.app.id')],
            assign_public_ip: false,
          },
        },
      },
      aws_ecr_repository: {
        app: {
          name: 'payment-app-prod',
          image_tag_mutability: 'IMMUTABLE',
          image_scanning_configuration: { scan_on_push: true },
          encryption_configuration: { encryption_type: 'KMS', kms_key: ref('aws_kms_key.key.arn') },
        },
      },
      aws_ecr_repository_policy: {
        app: {
          repository: ref('aws_ecr_repository.app.name'),
          policy: policy([
            {
              Sid: 'Pull',
              Effect: 'Allow',
              Principal: { AWS: ref('aws_iam_role.exec.arn') },
              Action: ['ecr:BatchGetImage'],
            },
          ]),
        },
      },
      aws_ecr_lifecycle_policy: {
        app: { repository: ref('aws_ecr_repository.app.name'), policy: '{"rules":[]}' },
      },
      aws_rds_cluster_parameter_group: {
        db: {
          name: 'payment-aurora-prod',
          family: 'aurora-mysql8.0',
          parameter: [
            { name: 'require_secure_transport', value: 'ON', apply_method: 'immediate' },
            { name: 'server_audit_logging', value: '1', apply_method: 'immediate' },
            {
              name: 'server_audit_events',
              value: 'CONNECT,QUERY_DDL,QUERY_DCL,QUERY_DML',
              apply_method: 'immediate',
            },
          ],
        },
      },
      aws_db_subnet_group: {
        db: {
          name: 'payment-db-prod',
          subnet_ids: [ref('aws_subnet.data.id'), ref('aws_subnet.data2.id')],
        },
      },
      aws_rds_cluster: {
        db: {
          cluster_identifier: 'payment-aurora-prod',
          engine: 'aurora-mysql',
          engine_mode: 'provisioned',
          storage_encrypted: true,
          kms_key_id: ref('aws_kms_key.key.arn'),
          deletion_protection: true,
          backup_retention_period: 35,
          iam_database_authentication_enabled: true,
          enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'],
          copy_tags_to_snapshot: true,
          backtrack_window: 86400,
          manage_master_user_password: true,
          master_username: 'payadmin',
          master_user_secret_kms_key_id: ref('aws_kms_key.key.arn'),
          skip_final_snapshot: false,
          final_snapshot_identifier: 'payment-aurora-prod-final',
          db_subnet_group_name: ref('aws_db_subnet_group.db.name'),
          db_cluster_parameter_group_name: ref('aws_rds_cluster_parameter_group.db.name'),
          vpc_security_group_ids: [ref('aws_security_group.db.id')],
          serverlessv2_scaling_configuration: { min_capacity: 2, max_capacity: 64 },
        },
      },
      aws_secretsmanager_secret_policy: {
        db_master: {
          secret_arn: ref('aws_rds_cluster.db.master_user_secret[0].secret_arn'),
          block_public_policy: true,
          policy: policy([
            {
              Sid: 'MasterSecretIsBreakGlass',
              Effect: 'Deny',
              Principal: '*',
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
              Condition: {
                ArnNotLike: { 'aws:PrincipalArn': [ref('aws_iam_role.app.arn')] },
                BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
              },
            },
          ]),
        },
      },
      aws_rds_cluster_instance: {
        writer: {
          availability_zone: ref('data.aws_availability_zones.az.names[0]'),
          cluster_identifier: ref('aws_rds_cluster.db.id'),
          instance_class: 'db.serverless',
          engine: ref('aws_rds_cluster.db.engine'),
          publicly_accessible: false,
          performance_insights_enabled: true,
          performance_insights_kms_key_id: ref('aws_kms_key.key.arn'),
          monitoring_interval: 60,
          auto_minor_version_upgrade: true,
        },
        reader: {
          availability_zone: ref('data.aws_availability_zones.az.names[1]'),
          promotion_tier: 1,
          cluster_identifier: ref('aws_rds_cluster.db.id'),
          instance_class: 'db.serverless',
          engine: ref('aws_rds_cluster.db.engine'),
          publicly_accessible: false,
          performance_insights_enabled: true,
          performance_insights_kms_key_id: ref('aws_kms_key.key.arn'),
          monitoring_interval: 60,
          auto_minor_version_upgrade: true,
        },
      },
      aws_kms_key: {
        key: {
          description: 'data',
          enable_key_rotation: true,
          deletion_window_in_days: 30,
          is_enabled: true,
          customer_master_key_spec: 'SYMMETRIC_DEFAULT',
          lifecycle: { prevent_destroy: true },
        },
      },
      aws_kms_key_policy: {
        key: {
          key_id: ref('aws_kms_key.key.id'),
          policy: policy([
            {
              Sid: 'Root',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              Action: 'kms:*',
              Resource: '*',
            },
            {
              Sid: 'KeyAdministrators',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:role/payments-key-admin' },
              Action: ['kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
              Resource: '*',
            },
            {
              Sid: 'Logs',
              Effect: 'Allow',
              Principal: { Service: 'logs.us-east-1.amazonaws.com' },
              Action: ['kms:Encrypt*', 'kms:Decrypt*'],
              Resource: '*',
              Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*' } },
            },
          ]),
        },
      },
      aws_cloudwatch_log_group: {
        app: {
          name: '/payment/app',
          kms_key_id: ref('aws_kms_key.key.arn'),
          retention_in_days: 400,
        },
      },
      aws_sns_topic: {
        alarms: { name: 'payment-alarms-prod', kms_master_key_id: ref('aws_kms_key.key.id') },
      },
      aws_sns_topic_subscription: {
        oncall: {
          topic_arn: ref('aws_sns_topic.alarms.arn'),
          protocol: 'email',
          endpoint: 'oncall@example.com',
        },
      },
      aws_sns_topic_policy: {
        alarms: {
          arn: ref('aws_sns_topic.alarms.arn'),
          policy: policy([
            {
              Sid: 'CloudWatch',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: ref('aws_sns_topic.alarms.arn'),
              Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
            },
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref('aws_sns_topic.alarms.arn'),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ]),
        },
      },
      aws_cloudwatch_metric_alarm: {
        cpu: {
          alarm_name: 'payment-cpu-prod',
          metric_name: 'CPUUtilization',
          namespace: 'AWS/EC2',
          comparison_operator: 'GreaterThanThreshold',
          threshold: 80,
          evaluation_periods: 3,
          period: 60,
          statistic: 'Average',
          alarm_actions: [ref('aws_sns_topic.alarms.arn')],
        },
      },
      aws_secretsmanager_secret: {
        api: { name: 'payment-api-prod', kms_key_id: ref('aws_kms_key.key.arn') },
      },
      aws_secretsmanager_secret_rotation: {
        api: {
          secret_id: ref('aws_secretsmanager_secret.api.id'),
          rotation_rules: { automatically_after_days: 30 },
        },
      },
      aws_iam_role: {
        app: {
          name: 'payment-app-prod',
          assume_role_policy: ref('data.aws_iam_policy_document.trust.json'),
        },
        exec: {
          name: 'payment-exec-prod',
          assume_role_policy: policy([
            {
              Effect: 'Allow',
              Principal: { Service: 'ecs-tasks.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ]),
          inline_policy: [
            {
              name: 'logs',
              policy: policy([
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: `${ref('aws_cloudwatch_log_group.app.arn')}:*`,
                },
              ]),
            },
          ],
        },
      },
      aws_iam_role_policy: {
        app: {
          role: ref('aws_iam_role.app.id'),
          policy: policy([
            {
              Sid: 'Decrypt',
              Effect: 'Allow',
              Action: ['kms:Decrypt'],
              Resource: ref('aws_kms_key.key.arn'),
            },
            {
              Sid: 'Pass',
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: ref('aws_iam_role.exec.arn'),
            },
            { Sid: 'Describe', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
          ]),
        },
      },
      aws_iam_role_policy_attachment: {
        ssm: {
          role: ref('aws_iam_role.app.name'),
          policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
        },
      },
    },
  );
  resources['aws_s3_bucket']!['audit']!['object_lock_enabled'] = true;
  return {
    '//': { metadata: { stackName: 'payment-prod', backend: 'local' } },
    terraform: { required_version: '>= 1.10.0' },
    provider: {
      aws: [
        {
          region: 'us-east-1',
          allowed_account_ids: ['123456789012'],
          default_tags: [
            {
              tags: {
                Environment: 'prod',
                Project: 'PaymentProcessing',
                CostCenter: 'Finance',
                Profile: 'prod',
              },
            },
          ],
        },
      ],
    },
    data: {
      aws_caller_identity: { me: {} },
      aws_availability_zones: { az: { state: 'available' } },
      aws_iam_policy_document: {
        trust: {
          statement: [
            {
              effect: 'Allow',
              actions: ['sts:AssumeRole'],
              principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
            },
          ],
        },
      },
    },
    output: { vpc_id: { value: ref('aws_vpc.vpc.id') } },
    resource: resources,
  };
}

export function graphOf(json: TfJson | Json, name = 'fixture'): StackGraph {
  return buildGraph(JSON.parse(JSON.stringify(json)), `${name}.tf.json`, name);
}

/** A deep copy of the compliant stack with `mutate` applied. */
export function mutated(mutate: (tf: TfJson) => void): TfJson {
  const tf = compliantStack();
  mutate(tf);
  return tf;
}

/** The attributes of one resource (throws when absent, so fixtures fail loudly). */
export function res(tf: TfJson, type: string, name: string): Json {
  const block = tf.resource[type]?.[name];
  if (!block) throw new Error(`fixture has no ${type}.${name}`);
  return block;
}

/** Adds resources to a fixture. */
export function add(tf: TfJson, type: string, name: string, attrs: Json): void {
  tf.resource[type] = { ...tf.resource[type], [name]: attrs };
}

export { ref, policy };
