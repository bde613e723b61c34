/**
 * The CI roles' inputs (src/constructs/ci/deploy-roles.ts), derived for each environment an
 * account file's `ci.environments` lists: the environment is resolved from its
 * `config/<name>.json` like every command resolves it, its stack is synthesized into a
 * temporary folder, and from that JSON come its state location (the S3 backend block, so the
 * roles name exactly the key Terraform uses), the reads planning needs and the apply role's
 * generated policies.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partitionOf } from '../aws-facts/regions';
import type { AccountBaselineConfig } from '../config/account-baseline';
import { CI_EXAMPLE } from '../config/account-baseline';
import { listEnvironmentFiles, resolveEnvironments } from '../config/environments';
import type { ConfigProblem } from '../config/errors';
import { ConfigError } from '../config/errors';
import type { Environment } from '../config/load';
import type { CiEnvironmentProps, CiStateLocation } from '../constructs/ci/deploy-roles';
import { InputProblem } from '../errors/problems';
import { ciBoundaryArn } from '../naming/naming';
import type { TerraformJsonLike } from '../permissions/deploy-policy';
import { generateDeployPolicy, readActions } from '../permissions/deploy-policy';
import { buildApp } from '../stacks/app';

export interface CiDerivationOptions {
  readonly config: AccountBaselineConfig;
  readonly projectRoot: string;
  /** The variables environments are resolved with. */
  readonly env: Environment;
}

const BACKEND_EXAMPLE =
  '"backend": { "bucket": "payment-state-shared-123456789012-use1", "region": "us-east-1" } in config/<name>.json (npm run bootstrap prints the values)';

/** One entry per `ci.environments`; `[]` without `ci`. Throws `ConfigError` with every problem. */
export function deriveCiEnvironments(options: CiDerivationOptions): CiEnvironmentProps[] {
  const { config } = options;
  if (!config.ci) return [];
  const partition = partitionOf(config.homeRegion);
  const boundaryArn = ciBoundaryArn(partition, config.accountId);
  const problems: ConfigProblem[] = [];
  const derived: CiEnvironmentProps[] = [];
  // Every environment of the project, whichever account it is in: an apply role's name
  // patterns must not reach another's names (src/permissions/deploy-policy.ts).
  const projectEnvironments = listEnvironmentFiles(options.projectRoot).files.map((f) => f.name);
  for (const name of config.ci.environments) {
    const problem = (rule: string, example = CI_EXAMPLE): void => {
      problems.push({ field: 'ci.environments', value: name, rule, example });
    };
    let resolved;
    try {
      resolved = resolveEnvironments({
        projectRoot: options.projectRoot,
        env: options.env,
        names: [name],
        all: false,
      }).environments[0];
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      problem(`cannot be resolved: ${error.message}`);
      continue;
    }
    if (!resolved) {
      problem('names no environment of config/');
      continue;
    }
    const environment = resolved.config;
    if (environment.backend.kind !== 's3') {
      problem(
        `keeps its state locally (config/${name}.json has no "backend"): CI runs need the S3 state backend`,
        BACKEND_EXAMPLE,
      );
      continue;
    }
    if (environment.allowedAccountIds && !environment.allowedAccountIds.includes(config.accountId))
      problem(
        `may deploy only to ${environment.allowedAccountIds.join(', ')} (its allowedAccountIds), not to account ${config.accountId} of this file`,
        `"allowedAccountIds": ["${config.accountId}"] in config/${name}.json`,
      );
    if (environment.permissionsBoundaryArn !== boundaryArn)
      problem(
        `does not name account ${config.name} in its accountBaseline, so its roles would not carry the CI permissions boundary and its apply role could not create them`,
        `"accountBaseline": { "account": "${config.name}" } in config/${name}.json`,
      );
    const json = synthesizedJson(environment);
    const state = stateLocation(json, name);
    const policy = generateDeployPolicy(json, {
      suffix: environment.suffix,
      account: config.accountId,
      region: environment.region,
      partition,
      permissionsBoundaryArn: boundaryArn,
      otherEnvironments: [...projectEnvironments, ...config.ci.environments].filter(
        (other) => other !== environment.suffix,
      ),
    });
    derived.push({
      name,
      prod: environment.profile === 'prod',
      state,
      readActions: readActions(json),
      applyPolicies: policy.policies,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return derived;
}

function synthesizedJson(config: Parameters<typeof buildApp>[0]): TerraformJsonLike & {
  readonly terraform?: { readonly backend?: { readonly s3?: Record<string, unknown> } };
} {
  const outdir = mkdtempSync(join(tmpdir(), 'payment-ci-'));
  try {
    const { app, stack } = buildApp(config, outdir);
    app.synth();
    return JSON.parse(
      readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'),
    ) as TerraformJsonLike;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The S3 backend block of a synthesized stack: the one place the state key is written. */
export function stateLocation(
  json: { readonly terraform?: { readonly backend?: { readonly s3?: Record<string, unknown> } } },
  name: string,
): CiStateLocation {
  const s3 = json.terraform?.backend?.s3;
  const text = (key: string): string | undefined =>
    typeof s3?.[key] === 'string' ? (s3[key] as string) : undefined;
  const bucket = text('bucket');
  const key = text('key');
  const region = text('region');
  if (!bucket || !key || !region)
    throw new InputProblem(`environment ${name}: its synthesized stack has no S3 backend`);
  const kmsKeyId = text('kms_key_id');
  return { bucket, key, region, ...(kmsKeyId ? { kmsKeyId } : {}) };
}
