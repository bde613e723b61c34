import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { COMMON_DEFAULTS } from './profiles';
import { FIELD_EXAMPLES } from './schema';
import type { BackendConfig } from './types';

export interface BackendInput {
  readonly TERRAFORM_STATE_BUCKET?: string;
  readonly TERRAFORM_STATE_BUCKET_REGION?: string;
  readonly TERRAFORM_STATE_KMS_KEY_ID?: string;
}

/** Where Terraform keeps state: the S3 bucket named by the environment, else local. */
export function resolveBackend(
  context: ResolveContext,
  input: BackendInput,
): Resolved<BackendConfig> {
  const problems: ConfigProblem[] = [];
  const { TERRAFORM_STATE_BUCKET: bucket, TERRAFORM_STATE_BUCKET_REGION: bucketRegion } = input;
  if (bucketRegion && !bucket) {
    problems.push({
      field: 'TERRAFORM_STATE_BUCKET_REGION',
      value: bucketRegion,
      rule: 'is set but TERRAFORM_STATE_BUCKET is not, so no S3 backend would use it',
      example:
        'TERRAFORM_STATE_BUCKET="acme-terraform-state" TERRAFORM_STATE_BUCKET_REGION="us-east-1"',
    });
  }
  const kmsKeyId = input.TERRAFORM_STATE_KMS_KEY_ID;
  if (kmsKeyId && !bucket) {
    problems.push({
      field: 'TERRAFORM_STATE_KMS_KEY_ID',
      value: kmsKeyId,
      rule: 'is set but TERRAFORM_STATE_BUCKET is not, so no S3 backend would use it',
      example: `TERRAFORM_STATE_BUCKET="acme-terraform-state" TERRAFORM_STATE_KMS_KEY_ID=${FIELD_EXAMPLES.TERRAFORM_STATE_KMS_KEY_ID ?? ''}`,
    });
  }
  const value: BackendConfig = bucket
    ? {
        kind: 's3',
        bucket,
        region: bucketRegion ?? context.region ?? COMMON_DEFAULTS.region,
        ...(kmsKeyId ? { kmsKeyId } : {}),
      }
    : { kind: 'local' };
  return { value, problems };
}
