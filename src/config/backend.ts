import type { Resolved, ResolveContext } from './context';
import type { ConfigProblem } from './errors';
import { COMMON_DEFAULTS } from './profiles';
import type { ConfigFile } from './schema';
import { FIELD_EXAMPLES } from './schema';
import type { BackendConfig } from './types';

export interface BackendInput {
  readonly TERRAFORM_STATE_BUCKET?: string;
  readonly TERRAFORM_STATE_BUCKET_REGION?: string;
  readonly TERRAFORM_STATE_KMS_KEY_ID?: string;
  /** `backend` from the config file: when present, the variables may only repeat it. */
  readonly file?: BackendFile;
}

type BackendFile = NonNullable<ConfigFile['backend']>;

const VARIABLE_OF: Readonly<Record<keyof BackendFile, keyof BackendInput>> = {
  bucket: 'TERRAFORM_STATE_BUCKET',
  region: 'TERRAFORM_STATE_BUCKET_REGION',
  kmsKeyId: 'TERRAFORM_STATE_KMS_KEY_ID',
};

/** The backend the file names; a variable that says otherwise is a problem, never applied. */
function fromFile(
  context: ResolveContext,
  input: BackendInput,
  file: BackendFile,
): Resolved<BackendConfig> {
  const problems: ConfigProblem[] = [];
  for (const [key, variable] of Object.entries(VARIABLE_OF) as [
    keyof BackendFile,
    keyof BackendInput,
  ][]) {
    const given = input[variable];
    if (given !== undefined && given !== file[key]) {
      problems.push({
        field: variable,
        value: given,
        rule: `differs from backend.${key} (${JSON.stringify(file[key] ?? null)}) in the config file, which is the environment's definition; unset ${variable}`,
        example: `"backend": { "${key}": ${JSON.stringify(given)} } in the file, and ${variable} unset`,
      });
    }
  }
  const value: BackendConfig = {
    kind: 's3',
    bucket: file.bucket,
    region: file.region ?? context.region ?? COMMON_DEFAULTS.region,
    ...(file.kmsKeyId ? { kmsKeyId: file.kmsKeyId } : {}),
  };
  return { value, problems };
}

/**
 * Where Terraform keeps state: the config file's `backend`, else the S3 bucket the variables
 * name, else local.
 */
export function resolveBackend(
  context: ResolveContext,
  input: BackendInput,
): Resolved<BackendConfig> {
  if (input.file) return fromFile(context, input, input.file);
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
