/**
 * `mock_provider` blocks for `terraform test`: apply and destroy against a mocked AWS, no
 * credentials. Mocked computed values are random strings unless given here; the provider
 * still runs its own argument validators on every planned value, so attributes that feed a
 * validated argument (ARNs, IDs with a prefix, AZ names) get realistic defaults.
 */
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

const RESOURCE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_kms_key: {
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9`,
    key_id: '0e5e4a57-c249-4249-aafc-3b40fcd541e9',
  },
  aws_iam_role: { arn: `arn:aws:iam::${ACCOUNT}:role/mock` },
  aws_iam_service_linked_role: {
    arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/mock`,
  },
  aws_iam_instance_profile: { arn: `arn:aws:iam::${ACCOUNT}:instance-profile/mock` },
  aws_sns_topic: { arn: `arn:aws:sns:${REGION}:${ACCOUNT}:mock` },
  aws_s3_bucket: { arn: 'arn:aws:s3:::mock-bucket' },
  aws_lb: {
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/mock/0123456789abcdef`,
    arn_suffix: 'app/mock/0123456789abcdef',
    dns_name: 'mock.elb.amazonaws.com',
    zone_id: 'Z32O12XQLNTSW2',
  },
  aws_lb_target_group: {
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/mock/0123456789abcdef`,
    arn_suffix: 'targetgroup/mock/0123456789abcdef',
  },
  aws_lb_listener: {
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/mock/0123456789abcdef/0123456789abcdef`,
  },
  // Known at plan time (override_during = plan), so every computed attribute is given: a
  // random mock value would differ between plan and apply.
  aws_acm_certificate: {
    arn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9`,
    id: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9`,
    // For an imported certificate these come from the certificate, not the configuration.
    domain_name: 'pay.example.com',
    validation_method: 'NONE',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    not_after: '2027-12-01T00:00:00Z',
    not_before: '2026-12-01T00:00:00Z',
    pending_renewal: false,
    renewal_eligibility: 'INELIGIBLE',
    renewal_summary: [],
    validation_emails: [],
    key_algorithm: 'RSA_2048',
    subject_alternative_names: [],
    tags_all: {},
    domain_validation_options: [
      {
        domain_name: 'pay.example.com',
        resource_record_name: '_0123456789abcdef.pay.example.com.',
        resource_record_type: 'CNAME',
        resource_record_value: '_0123456789abcdef.acm-validations.aws.',
      },
    ],
  },
  aws_wafv2_web_acl: {
    arn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/mock/0e5e4a57-c249-4249-aafc-3b40fcd541e9`,
  },
  aws_cloudwatch_log_group: { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:mock` },
  aws_launch_template: {
    id: 'lt-0123456789abcdef0',
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:launch-template/lt-0123456789abcdef0`,
  },
  aws_rds_cluster: {
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:mock`,
    cluster_resource_id: 'cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    master_user_secret: [
      {
        secret_arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!cluster-mock-AbCdEf`,
        kms_key_id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9`,
        secret_status: 'active',
      },
    ],
  },
  aws_ecr_repository: {
    arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/mock`,
    repository_url: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/mock`,
  },
  aws_ecs_cluster: { arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/mock` },
  aws_ecs_task_definition: { arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/mock:1` },
  aws_autoscaling_group: {
    arn: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:0e5e4a57-c249-4249-aafc-3b40fcd541e9:autoScalingGroupName/mock`,
  },
};

const DATA_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_partition: { partition: 'aws', dns_suffix: 'amazonaws.com', id: 'aws' },
  aws_availability_zones: {
    names: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
    zone_ids: ['euw1-az1', 'euw1-az2', 'euw1-az3'],
  },
  aws_caller_identity: { account_id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, id: ACCOUNT },
  aws_elb_service_account: { id: '156460612806', arn: 'arn:aws:iam::156460612806:root' },
};

function hcl(value: unknown): string {
  return JSON.stringify(value, null, 0)
    .replace(/"([a-z_]+)":/g, '$1 = ')
    .replace(/,(?=[a-z_]+ = )/g, ', ');
}

/**
 * The provider computes a certificate's domain_validation_options at plan time from the
 * domain names (CustomizeDiff), which a mock does not; Terraform 1.11 added `override_during
 * = plan` so a mock can stand in for that. Older versions leave the Route 53 validation
 * records' for_each unknown, a limitation of the mock and not of the stack.
 */
const PLAN_TIME_DEFAULTS = new Set(['aws_acm_certificate']);

/** The `mock_provider` blocks for the providers a harness uses. */
export function mockProviders(providers: readonly string[], planTimeOverrides: boolean): string {
  const blocks = providers.map((name) => {
    if (name !== 'aws') return `mock_provider "${name}" {}\n`;
    const resources = Object.entries(RESOURCE_DEFAULTS).map(
      ([type, defaults]) =>
        `  mock_resource "${type}" {\n${planTimeOverrides && PLAN_TIME_DEFAULTS.has(type) ? '    override_during = plan\n' : ''}    defaults = ${hcl(defaults)}\n  }\n`,
    );
    const data = Object.entries(DATA_DEFAULTS).map(
      ([type, defaults]) => `  mock_data "${type}" {\n    defaults = ${hcl(defaults)}\n  }\n`,
    );
    return `mock_provider "aws" {\n${[...data, ...resources].join('')}}\n`;
  });
  return blocks.join('\n');
}
