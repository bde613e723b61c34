import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { ConfigProblem } from './errors';
import { ConfigError } from './errors';
import type { ProfileDefaults, ProfileName } from './profiles';
import { COMMON_DEFAULTS, PROD_MIN_LOG_RETENTION_DAYS, PROFILES } from './profiles';
import type { ConfigFile, EnvironmentInput } from './schema';
import { CONFIG_FILE_KEYS, configFileSchema, environmentSchema, FIELD_EXAMPLES } from './schema';
import { largestVpcPrefixFor, parseIpv4Cidr, planSubnets } from './subnet-plan';
import type { AppConfig, BackendConfig } from './types';
import { resolveAppTier } from './app-tier-rules';
import { resolveDatabase, validDatabaseFields } from './database';
import { resolveKeyAdministrators } from './key-administrators';

export type Environment = Readonly<Record<string, string | undefined>>;
export type FileReader = (path: string) => string;

/**
 * Reads and validates the whole configuration before any construct exists: environment
 * variables, then the optional JSON file, then the rules that span fields. Every problem is
 * collected; if there is any, a `ConfigError` carries them all.
 */
export function loadConfig(
  env: Environment,
  readFile: FileReader = (path) => readFileSync(path, 'utf8'),
): AppConfig {
  const problems: ConfigProblem[] = [];
  const vars = parseEnvironment(env, problems);

  const file = readConfigFile(vars.CONFIG_FILE, readFile, problems);
  const overrides = parseConfigFile(file, problems);
  const invalid = new Set(problems.map((p) => p.field.split('.')[0]));

  const profile: ProfileName = vars.ENVIRONMENT ?? 'dev';
  const base: ProfileDefaults = PROFILES[profile];
  const settings: ProfileDefaults = {
    ...base,
    natGateways: overrides.natGateways ?? base.natGateways,
    interfaceEndpoints: overrides.interfaceEndpoints ?? base.interfaceEndpoints,
    logRetentionDays: overrides.logRetentionDays ?? base.logRetentionDays,
    alarms: { ...base.alarms, ...overrides.alarms },
    monthlyBudgetUsd: overrides.monthlyBudgetUsd ?? base.monthlyBudgetUsd,
  };
  const { database, problems: databaseProblems } = resolveDatabase(
    profile,
    settings,
    validDatabaseFields(file.database),
    new Set(problems.map((p) => p.field)),
  );
  problems.push(...databaseProblems);
  const keyAdministrators = resolveKeyAdministrators(
    profile,
    overrides.keyAdministratorArns,
    invalid.has('keyAdministratorArns'),
  );
  problems.push(...keyAdministrators.problems);
  const vpcCidr = overrides.vpcCidr ?? COMMON_DEFAULTS.vpcCidr;
  const azCount = overrides.azCount ?? COMMON_DEFAULTS.azCount;

  // Rules across fields, each skipped when a field it reads is already reported.
  const subnets = planSubnets(vpcCidr, azCount);
  if (!subnets && !invalid.has('vpcCidr') && !invalid.has('azCount')) {
    const parsed = parseIpv4Cidr(vpcCidr);
    const largest = largestVpcPrefixFor(azCount);
    problems.push({
      field: 'vpcCidr',
      value: vpcCidr,
      rule: `is too small for public, private and data subnets in ${azCount} AZs (public subnets need at least a /27); use a /${largest} or larger`,
      example: `"${parsed ? cidrBase(vpcCidr) : '10.0.0.0'}/${largest}"`,
    });
  }
  if (
    profile === 'prod' &&
    !invalid.has('logRetentionDays') &&
    settings.logRetentionDays < PROD_MIN_LOG_RETENTION_DAYS
  ) {
    problems.push({
      field: 'logRetentionDays',
      value: settings.logRetentionDays,
      rule: `is under ${PROD_MIN_LOG_RETENTION_DAYS} days, the minimum in prod (PCI DSS 10.5.1 keeps audit logs for a year)`,
      example: String(PROFILES.prod.logRetentionDays),
    });
  }
  if (vars.ALARM_EMAIL && overrides.alarmEmail && vars.ALARM_EMAIL !== overrides.alarmEmail) {
    problems.push({
      field: 'ALARM_EMAIL',
      value: vars.ALARM_EMAIL,
      rule: `differs from alarmEmail in the config file (${JSON.stringify(overrides.alarmEmail)}); set one of them`,
      example: FIELD_EXAMPLES.ALARM_EMAIL ?? '',
    });
  }
  if (vars.TERRAFORM_STATE_BUCKET_REGION && !vars.TERRAFORM_STATE_BUCKET) {
    problems.push({
      field: 'TERRAFORM_STATE_BUCKET_REGION',
      value: vars.TERRAFORM_STATE_BUCKET_REGION,
      rule: 'is set but TERRAFORM_STATE_BUCKET is not, so no S3 backend would use it',
      example:
        'TERRAFORM_STATE_BUCKET="acme-terraform-state" TERRAFORM_STATE_BUCKET_REGION="us-east-1"',
    });
  }

  if (vars.TERRAFORM_STATE_KMS_KEY_ID && !vars.TERRAFORM_STATE_BUCKET) {
    problems.push({
      field: 'TERRAFORM_STATE_KMS_KEY_ID',
      value: vars.TERRAFORM_STATE_KMS_KEY_ID,
      rule: 'is set but TERRAFORM_STATE_BUCKET is not, so no S3 backend would use it',
      example: `TERRAFORM_STATE_BUCKET="acme-terraform-state" TERRAFORM_STATE_KMS_KEY_ID=${FIELD_EXAMPLES.TERRAFORM_STATE_KMS_KEY_ID ?? ''}`,
    });
  }

  const region = vars.AWS_REGION ?? COMMON_DEFAULTS.region;
  const appTier = resolveAppTier(
    profile,
    settings,
    invalid.has('AWS_REGION') ? undefined : region,
    overrides,
    invalid,
    problems,
    database.port,
  );

  if (problems.length > 0 || !subnets) throw new ConfigError(problems);

  const suffix = vars.ENVIRONMENT_SUFFIX ?? profile;
  const backend: BackendConfig = vars.TERRAFORM_STATE_BUCKET
    ? {
        kind: 's3',
        bucket: vars.TERRAFORM_STATE_BUCKET,
        region: vars.TERRAFORM_STATE_BUCKET_REGION ?? region,
        ...(vars.TERRAFORM_STATE_KMS_KEY_ID ? { kmsKeyId: vars.TERRAFORM_STATE_KMS_KEY_ID } : {}),
      }
    : { kind: 'local' };

  return {
    profile,
    suffix,
    region,
    backend,
    network: {
      vpcCidr,
      azCount,
      natGateways: settings.natGateways,
      interfaceEndpoints: settings.interfaceEndpoints,
      subnets,
    },
    settings,
    alarmEmail: vars.ALARM_EMAIL ?? overrides.alarmEmail,
    database,
    keyAdministratorArns: keyAdministrators.value,
    tags: buildTags(profile, suffix, vars, overrides.tags ?? {}),
    ...appTier,
  };
}

function buildTags(
  profile: ProfileName,
  suffix: string,
  vars: EnvironmentInput,
  configured: Readonly<Record<string, string>>,
): Record<string, string> {
  const optional: Record<string, string | undefined> = {
    Repository: vars.REPOSITORY,
    Team: vars.TEAM,
    Author: vars.COMMIT_AUTHOR,
  };
  const fromEnv = Object.fromEntries(
    Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    Project: COMMON_DEFAULTS.project,
    CostCenter: COMMON_DEFAULTS.costCenter,
    ...configured,
    ...fromEnv,
    // These identify the deployment, its profile and the tool; configuration cannot override
    // them (the compliance gate reads Profile to apply prod-only rules).
    Environment: suffix,
    Profile: profile,
    ManagedBy: 'cdktn',
  };
}

function cidrBase(cidr: string): string {
  return cidr.split('/')[0] ?? '10.0.0.0';
}

/**
 * Each variable on its own, so one bad value does not hide the others (the file named by
 * CONFIG_FILE is still read when, say, the suffix is wrong). Empty strings count as unset.
 */
function parseEnvironment(env: Environment, problems: ConfigProblem[]): EnvironmentInput {
  const values: Record<string, string> = {};
  for (const key of Object.keys(environmentSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') values[key] = value;
  }
  const valid = parseFields(environmentSchema.shape, values, problems);
  return environmentSchema.parse(valid);
}

/**
 * Unknown keys first (typos must not pass silently), then each known key on its own, so a
 * bad key leaves the valid ones in force for the cross-field rules.
 */
function parseConfigFile(file: Record<string, unknown>, problems: ConfigProblem[]): ConfigFile {
  problems.push(...unknownKeyProblems(file));
  const valid = parseFields(configFileSchema.shape, file, problems);
  return configFileSchema.parse(valid);
}

function parseFields(
  shape: Readonly<Record<string, z.ZodType>>,
  values: Readonly<Record<string, unknown>>,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const valid: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (values[key] === undefined) continue;
    const result = field.safeParse(values[key]);
    if (result.success) valid[key] = result.data;
    else problems.push(...fieldProblems(key, values[key], result.error.issues));
  }
  return valid;
}

function readConfigFile(
  path: string | undefined,
  readFile: FileReader,
  problems: ConfigProblem[],
): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    problems.push({
      field: 'CONFIG_FILE',
      value: path,
      rule: `cannot be read (${code})`,
      example: FIELD_EXAMPLES.CONFIG_FILE ?? '',
    });
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push({
      field: 'CONFIG_FILE',
      value: path,
      rule: `is not valid JSON (${(error as Error).message})`,
      example: '{ "azCount": 3 }',
    });
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push({
      field: 'CONFIG_FILE',
      value: path,
      rule: 'must hold a JSON object of configuration keys',
      example: '{ "azCount": 3 }',
    });
    return {};
  }
  return parsed as Record<string, unknown>;
}

/** Turns zod's issues about one field into problems naming the field, value, rule and example. */
function fieldProblems(
  key: string,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // Nested objects are strict too: a typo inside `compute` must not pass either.
      for (const unknown of issue.keys) {
        const parent = [key, ...path].join('.');
        problems.push({
          field: `${parent}.${unknown}`,
          value: valueAt(value, [...path, unknown]),
          rule: `is not a key of ${parent}`,
          example: exampleFor(parent, key),
        });
      }
      continue;
    }
    const field = [key, ...path].join('.');
    problems.push({
      field,
      value: valueAt(value, path),
      rule: issue.message,
      example: exampleFor(field, key),
    });
  }
  return problems;
}

/** The example for a dotted path (list indices dropped), else for its top-level key. */
function exampleFor(field: string, key: string): string {
  const generic = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  return FIELD_EXAMPLES[generic] ?? FIELD_EXAMPLES[key] ?? '';
}

/** Keys the config file does not know, each with the nearest known key when there is one. */
function unknownKeyProblems(file: Record<string, unknown>): ConfigProblem[] {
  return Object.keys(file)
    .filter((key) => !CONFIG_FILE_KEYS.includes(key))
    .map((key) => {
      const suggestion = closest(key, CONFIG_FILE_KEYS);
      return {
        field: key,
        value: file[key],
        rule: `is not a configuration key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known keys: ${CONFIG_FILE_KEYS.join(', ')}`,
        example: suggestion ? (FIELD_EXAMPLES[suggestion] ?? '') : '{ "azCount": 3 }',
      };
    });
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The known key nearest to a typo, if it is near enough to be what was meant. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}
