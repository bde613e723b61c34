import type { Construct } from 'constructs';
import { LocalBackend, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktn';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { AwsEnvironment } from '../constructs/core/aws-environment';
import { KmsKey } from '../constructs/security/kms-key';
import { SecureBucket } from '../constructs/storage/secure-bucket';
import { Naming } from '../naming/naming';
import { REQUIRED_TERRAFORM_VERSION } from './payment-stack';
import { ACCOUNT_BASELINE_LOCAL, ENVIRONMENT_TAG, PROFILE_TAG } from '../tfjson/markers';

/** The bootstrap stack's name: one per account and Region. */
export const STATE_STACK_NAME = 'payment-tfstate';

/** Suffix of the state bucket's names: `payment-state-shared-<account>-<region code>`. */
const SHARED_SUFFIX = 'shared';

export interface StateBucketStackProps {
  readonly region: string;
  /** Principals that administer (never use) the state key; PAY-KMS-006 needs one or more. */
  readonly keyAdministratorArns: readonly string[];
  /**
   * Accounts the AWS provider may act in (`allowed_account_ids`); prod rules (PAY-ACCT-001)
   * need one or more. @default none
   */
  readonly allowedAccountIds?: readonly string[];
  /** Days old state versions are kept (recovery from a bad apply). @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Days the bucket's access logs are kept. @default 400 (PCI DSS 10.5.1: a year) */
  readonly accessLogDays?: number;
  /**
   * The local backend's path, relative to the stack's working directory.
   * @default `../../../state/payment-tfstate.tfstate`, that file when the output folder is `cdktf.out`
   */
  readonly localStatePath?: string;
}

/**
 * The remote state of every environment in an account and Region, made once by `npm run
 * bootstrap` (its own state stays local, in state/payment-tfstate.tfstate): a bucket that is
 * versioned, encrypted with its own customer key (state holds the self-signed key and other
 * secrets), private, TLS 1.2+ only and access-logged, with old state versions expiring after
 * `noncurrentVersionDays`. Key and bucket are never destroyed by Terraform.
 */
export class StateBucketStack extends TerraformStack {
  readonly key: KmsKey;
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: props.region,
      ...(props.allowedAccountIds && props.allowedAccountIds.length > 0
        ? { allowedAccountIds: [...props.allowedAccountIds] }
        : {}),
      defaultTags: [
        {
          tags: {
            Project: 'PaymentProcessing',
            Purpose: 'terraform-state',
            // The gate applies its prod rules: every environment's state lives here.
            [PROFILE_TAG]: 'prod',
            [ENVIRONMENT_TAG]: SHARED_SUFFIX,
            ManagedBy: 'cdktn',
          },
        },
      ],
    });
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // Outside the output folder, as every stack's local state (src/synth/state.ts).
    new LocalBackend(this, { path: props.localStatePath ?? `../../../state/${id}.tfstate` });

    // An account-level stack, not an environment: it relies on no account baseline (PAY-ACCT-003).
    new TerraformLocal(this, ACCOUNT_BASELINE_LOCAL, {
      provider: 'self',
      scope: 'state',
      account: SHARED_SUFFIX,
    }).overrideLogicalId(ACCOUNT_BASELINE_LOCAL);
    const naming = new Naming(SHARED_SUFFIX, props.region);
    const aws = new AwsEnvironment(this, 'Aws', { region: props.region });
    this.key = new KmsKey(this, 'StateKey', {
      aws,
      alias: naming.kmsAlias('tfstate'),
      description: 'Terraform state of the payment platform environments',
      deletionWindowInDays: 30,
      retainOnDestroy: true,
      administratorArns: props.keyAdministratorArns,
    });
    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      aws,
      bucketName: naming.bucketName('state-logs', aws.accountId),
      forceDestroy: false,
      logRetention: { days: props.accessLogDays ?? 400 },
    });
    this.bucket = new SecureBucket(this, 'State', {
      aws,
      bucketName: naming.bucketName('state', aws.accountId),
      encryptionKey: this.key,
      accessLogsBucket: accessLogs,
      forceDestroy: false,
      noncurrentVersionDays: props.noncurrentVersionDays ?? 90,
    });
    for (const bucket of [accessLogs, this.bucket]) {
      bucket.bucket.addOverride('lifecycle.prevent_destroy', true);
    }

    new TerraformOutput(this, 'state_bucket_name', {
      value: this.bucket.name,
      description: "S3 bucket holding every environment's Terraform state (TERRAFORM_STATE_BUCKET)",
    });
    new TerraformOutput(this, 'state_bucket_region', {
      value: props.region,
      description: 'Region of the state bucket (TERRAFORM_STATE_BUCKET_REGION)',
    });
    new TerraformOutput(this, 'state_kms_key_arn', {
      value: this.key.arn,
      description: 'KMS key encrypting the state (TERRAFORM_STATE_KMS_KEY_ID)',
    });
  }
}
