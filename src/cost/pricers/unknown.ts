/**
 * The estimate's last sweep: a resource no pricer covered is free by its type, or is listed as
 * unpriced by its type's name, so a new kind of resource is seen, never silently zero.
 */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

/** Resource types that cost nothing by themselves (their cost, if any, is on another line). */
export const FREE_TYPES: ReadonlySet<string> = new Set([
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_internet_gateway',
  'aws_default_security_group',
  'aws_default_network_acl',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_instance_profile',
  'aws_iam_service_linked_role',
  'aws_iam_policy',
  'aws_kms_alias',
  'aws_kms_key_policy',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_object_lock_configuration',
  'aws_sns_topic_policy',
  'aws_secretsmanager_secret_policy',
  'aws_sns_topic_subscription',
  'aws_lb_listener',
  'aws_lb_target_group',
  'aws_wafv2_web_acl_association',
  'aws_autoscaling_policy',
  'aws_appautoscaling_target',
  'aws_appautoscaling_policy',
  'aws_launch_template',
  'aws_ecs_cluster',
  'aws_ecs_task_definition',
  'aws_ecr_lifecycle_policy',
  'aws_db_parameter_group',
  'aws_rds_cluster_parameter_group',
  'aws_db_subnet_group',
  'aws_acm_certificate_validation',
  'aws_route53_record',
  'tls_private_key',
  'tls_self_signed_cert',
  'random_id',
  'random_password',
]);

/** Notes every resource that is neither in `covered` (what the pricers priced) nor free. */
export function noteUnknownResources(
  { graph, topology }: PricingInput,
  covered: ReadonlySet<string>,
): Lines {
  const out = new Lines();
  for (const block of graph.blocks.values()) {
    if (block.kind !== 'resource' || covered.has(block.address) || FREE_TYPES.has(block.type))
      continue;
    if (topology.appTiers.some((t) => t.address === block.address)) continue;
    out.note(block.address, block.type, 'resource type not in the price table');
  }
  return out;
}
