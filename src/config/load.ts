import { readRegularFile } from '../files/read-regular';
import { resolveAccountBaselineRef } from './account-baseline';
import { resolveAlarms } from './alarms';
import { resolveAppTier } from './app-tier-rules';
import { resolveBackend } from './backend';
import { buildContext } from './context';
import { resolveDatabase } from './database';
import { ConfigError } from './errors';
import { resolveIdentity } from './identity';
import { resolveKeyAdministrators } from './key-administrators';
import { resolveLogRetention } from './logs';
import { resolveNetwork } from './network';
import { resolveOwnership } from './ownership';
import type { ConfigProblem } from './errors';
import type { Environment, FileReader } from './parse';
import type { ConfigFile, EnvironmentInput } from './schema';
import { parseConfigFile, parseEnvironment, readConfigFile } from './parse';
import type { ProfileDefaults, ProfileName } from './profiles';
import { COMMON_DEFAULTS, PROFILES } from './profiles';
import type { AppConfig, ResolvedSettings } from './types';
import { TIER_RESOLVED_DEFAULTS } from './types';

export type { Environment, FileReader } from './parse';

/**
 * Reads and validates the whole configuration before any construct exists: the field rules
 * of the environment variables and the JSON file (`parse.ts`), then each tier's rules across
 * fields (`resolveX(context, input)`, one module per tier) against one context. Every problem
 * of every tier is collected; if there is any, a `ConfigError` carries them all.
 */
export function loadConfig(
  env: Environment,
  readFile: FileReader = (path) => readRegularFile(path),
): AppConfig {
  const environment = parseEnvironment(env);
  const vars = environment.value;
  const file = readConfigFile(vars.CONFIG_FILE, readFile);
  const parsed = parseConfigFile(file.value);
  const input = parsed.value;
  const fieldProblems = [...environment.problems, ...file.problems, ...parsed.problems];

  // The file's identity keys win; a variable that says otherwise is refused, never applied.
  const identityProblems = fileIdentityConflicts(vars, input);
  const profile: ProfileName = input.profile ?? vars.ENVIRONMENT ?? 'dev';
  const region = input.region ?? vars.AWS_REGION ?? COMMON_DEFAULTS.region;
  const context = buildContext(
    profile,
    PROFILES[profile],
    fieldProblems.some((p) => p.field === 'AWS_REGION' || p.field === 'region')
      ? undefined
      : region,
    [...fieldProblems.map((p) => p.field), ...parsed.meant],
  );

  const identity = resolveIdentity(context, { ...vars, ...input });
  const network = resolveNetwork(context, input);
  const logRetention = resolveLogRetention(context, input);
  const alarms = resolveAlarms(context, { ...vars, ...input });
  const backend = resolveBackend(context, { ...vars, file: input.backend });
  const database = resolveDatabase(context, input.database ?? {});
  const keyAdministrators = resolveKeyAdministrators(context, input);
  const stateKey = input.backend?.kmsKeyId ?? vars.TERRAFORM_STATE_KMS_KEY_ID;
  const ownership = resolveOwnership(context, {
    ...input,
    allowedAccountIds: identity.value.allowedAccountIds,
    ...(stateKey
      ? {
          stateKey: {
            field: input.backend?.kmsKeyId ? 'backend.kmsKeyId' : 'TERRAFORM_STATE_KMS_KEY_ID',
            arn: stateKey,
          },
        }
      : {}),
  });
  const appTier = resolveAppTier(context, {
    ...input,
    databasePort: database.value.port,
    suffix: identity.value.suffix,
    allowedAccountIds: identity.value.allowedAccountIds,
  });

  const accountBaseline = resolveAccountBaselineRef(input.accountBaseline, {
    suffix: identity.value.suffix,
    profile,
    region: context.region,
    allowedAccountIds: identity.value.allowedAccountIds,
    configFile: vars.CONFIG_FILE,
  });

  const problems = [
    ...fieldProblems,
    ...identityProblems,
    ...accountBaseline.problems,
    ...identity.problems,
    ...network.problems,
    ...logRetention.problems,
    ...alarms.problems,
    ...backend.problems,
    ...database.problems,
    ...keyAdministrators.problems,
    ...ownership.problems,
    ...appTier.problems,
  ];
  if (problems.length > 0 || !network.value) throw new ConfigError(problems);

  return {
    profile,
    suffix: identity.value.suffix,
    region,
    allowedAccountIds: identity.value.allowedAccountIds,
    backend: backend.value,
    network: network.value,
    settings: {
      ...withoutTierDefaults(context.defaults),
      natGateways: network.value.natGateways,
      interfaceEndpoints: network.value.interfaceEndpoints,
      logRetentionDays: logRetention.value,
      alarms: alarms.value.thresholds,
      monthlyBudgetUsd: input.monthlyBudgetUsd ?? context.defaults.monthlyBudgetUsd,
    },
    alarmEmail: alarms.value.alarmEmail,
    database: database.value,
    keyAdministratorArns: keyAdministrators.value,
    tags: identity.value.tags,
    ...appTier.value,
    ...(accountBaseline.value ? { accountBaseline: accountBaseline.value } : {}),
    ...(accountBaseline.permissionsBoundaryArn
      ? { permissionsBoundaryArn: accountBaseline.permissionsBoundaryArn }
      : {}),
  };
}

/**
 * A variable that disagrees with the config file's `profile` or `region`: the file is the
 * environment, so the variable is refused rather than applied (a silent dev-profile or
 * us-east-1 build of a staging environment in eu-west-1 is the failure this prevents).
 */
function fileIdentityConflicts(vars: EnvironmentInput, input: ConfigFile): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const file = vars.CONFIG_FILE ?? 'the config file';
  if (input.profile && vars.ENVIRONMENT && vars.ENVIRONMENT !== input.profile) {
    problems.push({
      field: 'ENVIRONMENT',
      value: vars.ENVIRONMENT,
      rule: `differs from "profile": "${input.profile}" in ${file}, which is the environment's definition; unset ENVIRONMENT`,
      example: `"profile": "${input.profile}" in the file and ENVIRONMENT unset`,
    });
  }
  if (input.region && vars.AWS_REGION && vars.AWS_REGION !== input.region) {
    problems.push({
      field: 'AWS_REGION',
      value: vars.AWS_REGION,
      rule: `differs from "region": "${input.region}" in ${file}, which is the environment's definition; unset AWS_REGION or set it to ${input.region}`,
      example: `AWS_REGION=${input.region}`,
    });
  }
  return problems;
}

/** The profile defaults less those a tier resolves (they are read from the tier). */
function withoutTierDefaults(defaults: ProfileDefaults): ResolvedSettings {
  const settings: Record<string, unknown> = { ...defaults };
  for (const key of TIER_RESOLVED_DEFAULTS) delete settings[key];
  return settings as ResolvedSettings;
}
