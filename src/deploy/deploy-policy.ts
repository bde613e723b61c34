/**
 * `npm run deploy-policy`: the generator lives in src/permissions/deploy-policy.ts (the
 * account baseline's CI roles use it too); this is the command's library.
 */
import { readFileSync } from 'node:fs';
import { listEnvironmentFiles, resolveEnvironments } from '../config/environments';
import { InputProblem } from '../errors/problems';
import type { TerraformJsonLike } from '../permissions/deploy-policy';
import { generateDeployPolicy } from '../permissions/deploy-policy';
import type { DeployIo } from './step';

export {
  actionsFor,
  generateDeployPolicy,
  MANAGED_POLICIES_PER_ROLE,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
  synthesizedTypes,
} from '../permissions/deploy-policy';
export type {
  DeployPolicy,
  DeployPolicyOptions,
  PolicyDocument,
  PolicyStatement,
} from '../permissions/deploy-policy';

export interface DeployPolicyCommandOptions {
  readonly environment: string;
  readonly account: string;
  readonly permissionsBoundaryArn: string;
}

/**
 * `npm run deploy-policy`: synthesizes one environment and prints its apply role's managed
 * policies as JSON (`{ environment, types, policies }`), for creating the role by hand until
 * the bootstrap creates it.
 */
export function runDeployPolicy(options: DeployPolicyCommandOptions, io: DeployIo): number {
  const resolution = resolveEnvironments({
    projectRoot: io.projectRoot,
    env: io.env,
    names: [options.environment],
    all: false,
  });
  for (const line of [...resolution.overrides, ...resolution.ignored]) io.stderr(`${line}\n`);
  const environment = resolution.environments[0]!;
  const [stack] = io.synthesize([environment]);
  if (!stack)
    throw new InputProblem(`environment ${options.environment}: synthesis wrote no stack`);
  const json = JSON.parse(readFileSync(stack.file, 'utf8')) as TerraformJsonLike;
  const policy = generateDeployPolicy(json, {
    suffix: environment.config.suffix,
    account: options.account,
    region: environment.config.region,
    permissionsBoundaryArn: options.permissionsBoundaryArn,
    // Every committed environment: where this one's name patterns would reach another's
    // names, the policy denies them (src/permissions/deploy-policy.ts).
    otherEnvironments: listEnvironmentFiles(io.projectRoot)
      .files.map((file) => file.name)
      .filter((name) => name !== environment.config.suffix),
  });
  io.stdout(`${JSON.stringify({ environment: environment.name, ...policy }, null, 2)}\n`);
  return 0;
}
