/**
 * The replacement table for the resource types the stacks synthesize beyond the nine reviewed
 * in ./replacement.ts. Source of each `forceNew` list: hashicorp/aws 5.100.0 (the provider in
 * this machine's filesystem mirror), planned by `npm run test:terraform` for every argument
 * the stacks set: one resource per argument, its state holding the synthesized value, its
 * configuration an unknown new value, `-refresh=false` (src/deploy/terraform-check/
 * argument-cases.ts). An argument is listed when the plan's `replace_paths` names it; every
 * other argument the stacks set was planned as an in-place update. The stacks pin 6.66.0; the
 * check plans with whatever version the machine can install (it prints it), so on a machine
 * that reaches the registry it proves these lists against 6.66.0 too.
 *
 * `random` and `tls` are not in the mirror: their lists come from the providers' documentation
 * (every argument of tls_private_key and tls_self_signed_cert, and random_id's keepers and
 * byte_length, "Changing this forces a new resource"), https://registry.terraform.io/providers/
 * hashicorp/tls/latest/docs and .../hashicorp/random/latest/docs/resources/id.
 */
import type { ReplacementEntry } from './replacement-entry';

export const PLANNED_5_100 = 'hashicorp/aws 5.100.0, planned by test:terraform';
const DOCS = 'provider documentation (provider not installed here, not planned)';

function planned(
  forceNew: readonly string[],
  stateful: boolean,
  impact: string,
  extra: Partial<ReplacementEntry> = {},
): ReplacementEntry {
  return { forceNew, stateful, impact, source: PLANNED_5_100, ...extra };
}

const BUCKET_PART = 'the bucket setting is removed and re-applied (briefly absent)';

export const PLANNED_ENTRIES: Readonly<Record<string, ReplacementEntry>> = {
  aws_acm_certificate: planned(
    ['domain_name', 'key_algorithm', 'validation_method'],
    false,
    'the certificate: a new one is issued and validated; listeners are repointed',
  ),
  aws_acm_certificate_validation: planned(
    ['certificate_arn', 'validation_record_fqdns'],
    false,
    'nothing in AWS (Terraform waits for validation again)',
  ),
  aws_appautoscaling_policy: planned(
    ['name', 'resource_id', 'scalable_dimension', 'service_namespace'],
    false,
    'the scaling policy: no scaling until re-created',
  ),
  aws_appautoscaling_target: planned(
    ['resource_id', 'scalable_dimension', 'service_namespace'],
    false,
    'the scalable target and its policies',
  ),
  aws_autoscaling_group: planned(
    ['name'],
    false,
    'the Auto Scaling group and every instance in it (capacity drops to zero)',
  ),
  aws_autoscaling_policy: planned(['autoscaling_group_name', 'name'], false, 'the scaling policy'),
  aws_cloudwatch_composite_alarm: planned(
    ['actions_enabled', 'alarm_name'],
    false,
    'the alarm and its state history',
  ),
  aws_cloudwatch_dashboard: planned(['dashboard_name'], false, 'the dashboard'),
  aws_cloudwatch_metric_alarm: planned(['alarm_name'], false, 'the alarm and its state history'),
  aws_db_parameter_group: planned(
    ['description', 'family', 'name'],
    false,
    'the parameter group: instances using it must switch (AWS refuses to delete a group in use)',
  ),
  aws_db_subnet_group: planned(
    ['name'],
    false,
    'the DB subnet group: the cluster using it is replaced (db_subnet_group_name forces a new cluster)',
  ),
  aws_default_network_acl: planned(
    ['default_network_acl_id'],
    false,
    "nothing (the VPC's default network ACL is adopted)",
  ),
  aws_default_security_group: planned(['vpc_id'], false, 'nothing (the default group is adopted)'),
  aws_ecr_lifecycle_policy: planned(['policy', 'repository'], false, 'the lifecycle policy'),
  aws_ecr_repository: planned(
    ['encryption_configuration.encryption_type', 'encryption_configuration.kms_key', 'name'],
    true,
    'the repository and every image in it',
  ),
  aws_ecs_cluster: planned(['name'], false, 'the cluster: every service and task in it'),
  aws_ecs_service: planned(
    ['cluster', 'launch_type', 'name'],
    false,
    'the service: its tasks stop; downtime unless another serves',
  ),
  aws_ecs_task_definition: planned(
    [
      'container_definitions',
      'cpu',
      'execution_role_arn',
      'family',
      'memory',
      'network_mode',
      'requires_compatibilities',
      'runtime_platform.cpu_architecture',
      'runtime_platform.operating_system_family',
      'task_role_arn',
    ],
    false,
    'a new task-definition revision; the service rolls its tasks',
  ),
  aws_eip: planned(
    ['domain'],
    true,
    'the public IP address (partners that allow-list it lose it for good)',
  ),
  aws_flow_log: planned(
    [
      'destination_options.file_format',
      'destination_options.per_hour_partition',
      'log_destination',
      'log_destination_type',
      'log_format',
      'max_aggregation_interval',
      'traffic_type',
      'vpc_id',
    ],
    false,
    'flow logging stops until re-created (a gap in audit evidence)',
  ),
  aws_iam_instance_profile: planned(
    ['name'],
    false,
    'the instance profile: instances lose their role until re-associated',
  ),
  aws_iam_policy: planned(
    ['description', 'name'],
    false,
    'the managed policy (detached and re-attached)',
  ),
  aws_iam_role: planned(
    ['name'],
    false,
    'the role: sessions and trust in other accounts that name it',
  ),
  aws_iam_role_policy: planned(['name', 'role'], false, 'the inline policy (briefly absent)'),
  aws_iam_role_policy_attachment: planned(
    ['policy_arn', 'role'],
    false,
    'the attachment (briefly absent)',
  ),
  aws_iam_service_linked_role: planned(
    ['aws_service_name', 'custom_suffix'],
    false,
    'the service-linked role',
  ),
  aws_instance: planned(
    [
      'ami',
      'associate_public_ip_address',
      'root_block_device.encrypted',
      'root_block_device.kms_key_id',
      'subnet_id',
    ],
    true,
    'the instance and its root volume',
  ),
  aws_internet_gateway: planned([], false, 'internet access for the public subnets'),
  aws_kms_alias: planned(['name'], false, 'the alias (callers that use it fail until re-created)'),
  aws_kms_key_policy: planned([], false, 'the key policy'),
  aws_launch_template: planned(['name'], false, 'the launch template: the group gets a new one'),
  aws_lb_listener: planned(
    ['load_balancer_arn'],
    false,
    'the listener: traffic on its port stops until re-created',
  ),
  aws_nat_gateway: planned(
    ['allocation_id', 'connectivity_type', 'subnet_id'],
    false,
    'the NAT gateway: egress from the private subnets it serves stops until re-created',
  ),
  aws_rds_cluster_parameter_group: planned(
    ['description', 'family', 'name'],
    false,
    'the cluster parameter group: the cluster must switch (AWS refuses to delete a group in use)',
  ),
  aws_route: planned(
    ['destination_cidr_block', 'route_table_id'],
    false,
    'the route (traffic on it stops briefly)',
  ),
  aws_route53_record: planned(
    ['name', 'zone_id'],
    false,
    'the DNS record (resolution fails briefly)',
  ),
  aws_route_table: planned(['vpc_id'], false, 'the route table and its routes'),
  aws_route_table_association: planned(
    ['subnet_id'],
    false,
    "the subnet's routing (briefly the VPC's main table)",
  ),
  aws_s3_bucket_metric: planned(['bucket', 'name'], false, 'the request-metrics configuration'),
  aws_s3_bucket_lifecycle_configuration: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_logging: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_object_lock_configuration: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_ownership_controls: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_policy: planned(['bucket'], false, `${BUCKET_PART}: its Deny statements too`),
  aws_s3_bucket_public_access_block: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_server_side_encryption_configuration: planned(['bucket'], false, BUCKET_PART),
  aws_s3_bucket_versioning: planned(['bucket'], false, BUCKET_PART),
  aws_secretsmanager_secret_policy: planned(
    ['secret_arn'],
    false,
    'the secret policy (briefly absent)',
  ),
  aws_security_group: planned(
    ['description', 'name', 'vpc_id'],
    false,
    'the security group: every interface that uses it must switch first (AWS refuses to delete a group in use)',
  ),
  aws_sns_topic: planned(
    ['name'],
    false,
    'the topic and its subscriptions (email subscribers must confirm again)',
  ),
  aws_sns_topic_policy: planned(['arn'], false, 'the topic policy'),
  aws_sns_topic_subscription: planned(
    ['endpoint', 'protocol', 'topic_arn'],
    false,
    'the subscription (an email address must confirm again)',
  ),
  aws_subnet: planned(
    ['availability_zone', 'availability_zone_id', 'cidr_block', 'vpc_id'],
    false,
    'the subnet and every network interface in it (load balancer nodes, NAT gateways, instances, database instances, endpoints)',
    {
      sources: {
        availability_zone_id:
          'hashicorp/aws 5.100.0, planned by test:terraform (the az-ids variant)',
      },
    },
  ),
  aws_vpc: planned(['cidr_block'], true, 'the VPC and everything in it'),
  aws_vpc_endpoint: planned(
    ['service_name', 'vpc_endpoint_type', 'vpc_id'],
    false,
    'the endpoint: private access to the service stops until re-created',
  ),
  aws_vpc_security_group_egress_rule: planned(
    ['security_group_id'],
    false,
    'the rule (briefly absent)',
  ),
  aws_vpc_security_group_ingress_rule: planned(
    ['security_group_id'],
    false,
    'the rule (briefly absent)',
  ),
  aws_wafv2_web_acl: planned(
    ['name', 'scope'],
    false,
    'the web ACL: the load balancer is unprotected until re-associated',
  ),
  aws_wafv2_web_acl_association: planned(
    ['resource_arn', 'web_acl_arn'],
    false,
    'the association (briefly unprotected)',
  ),
  aws_wafv2_web_acl_logging_configuration: planned(
    ['log_destination_configs', 'resource_arn'],
    false,
    'WAF logging (a gap in audit evidence)',
  ),
  random_id: {
    forceNew: ['byte_length', 'keepers', 'prefix'],
    stateful: true,
    impact: 'the random value, and every name built from it',
    source: DOCS,
  },
  tls_private_key: {
    forceNew: ['algorithm', 'rsa_bits', 'ecdsa_curve'],
    stateful: true,
    impact: 'the private key (and the certificate made from it)',
    source: DOCS,
  },
  tls_self_signed_cert: {
    forceNew: [
      'allowed_uses',
      'dns_names',
      'early_renewal_hours',
      'ip_addresses',
      'is_ca_certificate',
      'private_key_pem',
      'subject',
      'uris',
      'validity_period_hours',
      'set_subject_key_id',
      'set_authority_key_id',
    ],
    stateful: false,
    impact: 'the certificate: re-imported into ACM',
    source: DOCS,
  },

  // Account baseline (issue 25): force-new lists from test:terraform's plan with 5.100.0.
  aws_accessanalyzer_analyzer: planned(
    ['analyzer_name', 'type'],
    false,
    'the analyzer: its findings are produced again from scratch',
  ),
  aws_cloudtrail: planned(
    ['name'],
    false,
    'the trail: no event is recorded between the delete and the create (an audit-log gap)',
  ),
  aws_cloudwatch_event_rule: planned(
    ['name'],
    false,
    'the rule: findings are not routed until it is re-created',
  ),
  aws_cloudwatch_event_target: planned(
    ['rule', 'target_id'],
    false,
    'the rule target: findings are not routed until it is re-created',
  ),
  aws_config_configuration_recorder: planned(
    ['name'],
    false,
    'the recorder: configuration changes go unrecorded until it is re-created',
  ),
  aws_config_conformance_pack: planned(
    ['name'],
    false,
    "the conformance pack and its rules' evaluation history",
  ),
  aws_config_delivery_channel: planned(
    ['name'],
    false,
    'the delivery channel: snapshots are not delivered until it is re-created',
  ),
  aws_ebs_default_kms_key: planned(
    ['key_arn'],
    false,
    'the default EBS key setting (briefly the AWS-managed key)',
  ),
  aws_guardduty_detector_feature: planned(
    ['detector_id', 'name', 'additional_configuration.name'],
    false,
    'the protection plan (briefly off)',
  ),
  aws_s3_account_public_access_block: planned(
    ['account_id'],
    false,
    'the account-level block (briefly absent)',
  ),
  aws_s3_bucket_replication_configuration: planned(
    ['bucket'],
    false,
    'the replication rule: objects written meanwhile are not replicated',
  ),
  aws_securityhub_account: planned(
    ['enable_default_standards'],
    true,
    'Security Hub in the Region: disabling it deletes its findings and control history',
  ),
  aws_securityhub_standards_subscription: planned(
    ['standards_arn'],
    false,
    "the standard's subscription: its control results are produced again",
  ),
  aws_ssm_document: planned(
    ['name'],
    false,
    'the Session Manager preferences document (briefly the defaults: no logging, no KMS)',
  ),
  aws_config_configuration_recorder_status: planned([], false, 'recording (briefly stopped)'),
  aws_ebs_encryption_by_default: planned([], false, "the Region's EBS encryption default"),
  aws_guardduty_detector: planned(
    [],
    true,
    'GuardDuty in the Region: deleting the detector deletes its findings',
  ),
  aws_inspector2_enabler: planned([], false, 'Inspector scanning for the listed resource types'),
};
