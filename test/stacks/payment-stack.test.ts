import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/config/profiles';
import type { Synthesized } from '../helpers/synth';
import {
  defaultStack,
  blocksOf,
  refOf,
  resourceAt,
  synthesize,
  TEST_ACCOUNT_ID,
} from '../helpers/synth';

const dev = defaultStack('dev');
const staging = defaultStack('staging');
const prod = synthesize({
  ENVIRONMENT: 'prod',
  ENVIRONMENT_SUFFIX: 'prod-eu',
  AWS_REGION: 'eu-west-1',
});

describe('stack', () => {
  it('is named payment-<suffix>', () => {
    expect(dev.stack.node.id).toBe('payment-dev');
    expect(prod.stack.node.id).toBe('payment-prod-eu');
  });

  it('requires the random provider only where a random resource uses it (the final-snapshot suffix)', () => {
    expect(blocksOf(dev.json, 'random_id')).toHaveLength(0);
    expect(dev.json.terraform.required_providers).not.toHaveProperty('random');
    expect(dev.json.provider).not.toHaveProperty('random');
    for (const s of [staging, prod]) {
      expect(blocksOf(s.json, 'random_id')).toHaveLength(1);
      expect(s.json.terraform.required_providers).toHaveProperty('random');
    }
  });

  it('requires Terraform or OpenTofu 1.10 or later', () => {
    expect(dev.json.terraform.required_version).toBe('>= 1.10.0');
  });

  it('configures the AWS provider in the Region with default tags on every resource', () => {
    const [provider] = prod.json.provider.aws!;
    expect(provider!.region).toBe('eu-west-1');
    expect(provider!.default_tags).toEqual([
      {
        tags: {
          Project: 'PaymentProcessing',
          CostCenter: 'Finance',
          Environment: 'prod-eu',
          Profile: 'prod',
          ManagedBy: 'cdktn',
        },
      },
    ]);
  });

  it('limits the AWS provider to allowedAccountIds when given, and only then', () => {
    expect(prod.json.provider.aws![0]!.allowed_account_ids).toEqual([TEST_ACCOUNT_ID]);
    expect(dev.json.provider.aws![0]!).not.toHaveProperty('allowed_account_ids');
  });

  it('uses a local backend by default, with state outside the output folder', () => {
    // From cdktf.out/stacks/payment-dev: the project's state/ folder (src/synth/state.ts).
    expect(dev.json.terraform.backend).toEqual({
      local: { path: '../../../state/payment-dev.tfstate' },
    });
  });

  it('uses an encrypted S3 backend with native locking, a per-suffix key and the state KMS key when a state bucket is given', () => {
    const stateKey = 'arn:aws:kms:us-west-2:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9';
    const remote = synthesize({
      ENVIRONMENT_SUFFIX: 'pr42',
      TERRAFORM_STATE_BUCKET: 'acme-tf-state',
      TERRAFORM_STATE_BUCKET_REGION: 'us-west-2',
      TERRAFORM_STATE_KMS_KEY_ID: stateKey,
    });
    expect(remote.json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-tf-state',
        key: 'pr42/payment-pr42.tfstate',
        region: 'us-west-2',
        encrypt: true,
        kms_key_id: stateKey,
        use_lockfile: true,
      },
    });
  });

  it('names every bucket with the suffix, the account and the Region code', () => {
    const names = blocksOf(prod.json, 'aws_s3_bucket').map((b) => b.bucket as string);
    for (const name of names) {
      // WAF requires its log bucket's name to start with aws-waf-logs-.
      expect(name).toMatch(
        /^(payment-[a-z-]+|aws-waf-logs-payment)-prod-eu-\$\{data\.aws_caller_identity\.\w+\.account_id\}-euw1$/,
      );
    }
  });

  it('declares the outputs integration tests read, with their exact snake_case names', () => {
    expect(Object.keys(dev.json.output).sort()).toEqual(
      [
        'access_logs_bucket_name',
        'alb_logs_bucket_name',
        'alb_arn',
        'alb_dns_name',
        'alb_zone_id',
        'app_log_group_name',
        'app_url',
        'asg_name',
        'certificate_arn',
        'target_group_arn',
        'waf_logs_bucket_name',
        'web_acl_arn',
        'alarm_topic_arn',
        'dashboard_name',
        'database_name',
        'database_subnet_ids',
        'db_master_secret_arn',
        'flow_logs_bucket_name',
        'private_subnet_ids',
        'public_subnet_ids',
        'rds_cluster_endpoint',
        'rds_cluster_arn',
        'rds_cluster_identifier',
        'rds_cluster_port',
        'rds_cluster_reader_endpoint',
        'static_assets_bucket_name',
        'vpc_id',
      ].sort(),
    );
    const bucket = resourceAt(dev.json, 'aws_s3_bucket', 'Assets/Bucket');
    expect(dev.json.output.static_assets_bucket_name!.value).toBe(
      `\${${refOf(dev.json, 'aws_s3_bucket', bucket)}.bucket}`,
    );
    expect((dev.json.output.database_subnet_ids!.value as string[]).length).toBe(3);
  });
});

describe('profiles: what the profile table promises, synthesized', () => {
  const count = (s: Synthesized, type: string) => blocksOf(s.json, type).length;
  const table = [
    ['NAT gateways', (s: Synthesized) => count(s, 'aws_nat_gateway'), [1, 1, 3]],
    [
      'interface endpoints',
      (s: Synthesized) =>
        blocksOf(s.json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface')
          .length,
      [0, PROFILES.staging.interfaceEndpoints.length, PROFILES.prod.interfaceEndpoints.length],
    ],
    [
      'KMS deletion window',
      (s: Synthesized) => blocksOf(s.json, 'aws_kms_key')[0]!.deletion_window_in_days,
      [7, 14, 30],
    ],
    [
      'bucket force-destroy',
      (s: Synthesized) => resourceAt(s.json, 'aws_s3_bucket', 'Assets/Bucket').force_destroy,
      [true, true, false],
    ],
    [
      'audit-log Object Lock (flow, ALB and WAF logs)',
      (s: Synthesized) => count(s, 'aws_s3_bucket_object_lock_configuration'),
      [0, 0, 3],
    ],
    [
      'log bucket retention',
      (s: Synthesized) =>
        JSON.stringify(
          resourceAt(s.json, 'aws_s3_bucket_lifecycle_configuration', 'FlowLogs/Lifecycle').rule,
        ).match(/"expiration":\[\{"days":(\d+)\}\]/)?.[1],
      ['90', '365', '400'],
    ],
  ] as const;

  it.each(table)('%s: dev, staging, prod', (_, measure, expected) => {
    expect([dev, staging, prod].map((s) => measure(s))).toEqual(expected);
  });

  it('keeps the profile table consistent with the rules it must satisfy', () => {
    expect(PROFILES.prod.logRetentionDays).toBeGreaterThanOrEqual(365);
    expect(PROFILES.prod.auditLogObjectLockDays).toBeLessThanOrEqual(
      PROFILES.prod.logRetentionDays,
    );
    for (const profile of Object.values(PROFILES)) {
      expect(profile.appMinSize).toBeLessThanOrEqual(profile.appDesiredSize);
      expect(profile.appDesiredSize).toBeLessThanOrEqual(profile.appMaxSize);
      expect(profile.auroraMinCapacity).toBeLessThanOrEqual(profile.auroraMaxCapacity);
    }
  });
});
