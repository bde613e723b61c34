/**
 * The one resolver of environments: every command that acts on an environment (synth, check,
 * plan, deploy, destroy, verify, outputs, diff, cost, resilience, diagram, db:bootstrap,
 * db:bootstrap-sql, the docs scripts) turns `--env NAME` (repeatable) or `--all` into resolved
 * environments here, so the commands cannot disagree about what an environment is.
 *
 * The file is the environment: `config/<name>.json` is the whole, committed definition of
 * environment `<name>` (stack `payment-<name>`, `Environment` tag `<name>`, state key
 * `<name>/payment-<name>.tfstate`). It names its `profile` (required unless `<name>` is a
 * profile's name, and then it must agree), its `region` (required), its `allowedAccountIds`
 * (required for staging and prod) and its state `backend`.
 *
 * Environment variables:
 * - never change an environment's identity (profile, Region, accounts, backend): one that
 *   repeats the file is accepted, one that disagrees with it (or sets what the file leaves
 *   out) is refused, naming the key to write into the file instead;
 * - with `--all` or several `--env`, apply to no environment: the selectors and identity
 *   variables are refused, `AWS_REGION` and the overrides are ignored and reported;
 * - with one environment, the overrides that remain (`ALARM_EMAIL`, and the `Repository`,
 *   `Team` and `Author` tags from `REPOSITORY`, `TEAM`, `COMMIT_AUTHOR`) apply and are
 *   reported, so the command prints them.
 *
 * Ephemeral environments (one per pull request, an emulator rehearsal) are derived from one
 * committed environment by an explicit option (`ephemeral`), never from defaults and never
 * from a prod-profile environment. See `docs/environments.md`.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MAX_SUFFIX_LENGTH, SUFFIX_PATTERN } from '../naming/naming';
import { reservedBy } from '../naming/reserved';
import type { ConfigProblem } from './errors';
import { ConfigError, formatProblem } from './errors';
import { profileClaimedBy } from './identity';
import type { Environment, FileReader } from './load';
import { loadConfig } from './load';
import { readConfigFile } from './parse';
import type { ProfileName } from './profiles';
import { PROFILE_NAMES } from './profiles';
import type { AppConfig } from './types';
import { readRegularFile } from '../files/read-regular';
import { InputProblem } from '../errors/problems';
import { closest } from '../errors/suggest';

/** Where the committed environment files live, relative to the project root. */
export const CONFIG_DIR = 'config';

/** Variables that pick an environment: `--env` and `--all` do that now. */
export const SELECTOR_VARIABLES = ['ENVIRONMENT', 'ENVIRONMENT_SUFFIX', 'CONFIG_FILE'] as const;

/** Variables that once set an environment's identity, and the file key that holds it now. */
export const IDENTITY_VARIABLES = {
  AWS_REGION: 'region',
  ALLOWED_ACCOUNT_IDS: 'allowedAccountIds',
  TERRAFORM_STATE_BUCKET: 'backend.bucket',
  TERRAFORM_STATE_BUCKET_REGION: 'backend.region',
  TERRAFORM_STATE_KMS_KEY_ID: 'backend.kmsKeyId',
} as const;
type IdentityVariable = keyof typeof IDENTITY_VARIABLES;

/** Variables that still apply to a single environment, and what each does. */
export const OVERRIDE_VARIABLES = {
  ALARM_EMAIL: 'subscribes this address to the alarm topic',
  REPOSITORY: 'sets the Repository tag',
  TEAM: 'sets the Team tag',
  COMMIT_AUTHOR: 'sets the Author tag',
} as const;
type OverrideVariable = keyof typeof OVERRIDE_VARIABLES;

/** A problem with which environments were asked for (unknown name, conflicting options). */
export class EnvironmentSelectionError extends InputProblem {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentSelectionError';
  }
}

/** What the command line asked for. */
export interface EnvironmentSelection {
  /** `--env NAME`, in the order given (repeatable). */
  readonly names: readonly string[];
  /** `--all`: every environment file. */
  readonly all: boolean;
  /**
   * `--ephemeral NAME`: a short-lived environment derived from the one environment `names`
   * holds (never a prod-profile one): its settings, profile, Region, accounts and backend,
   * under its own name (stack `payment-NAME`, state key `NAME/payment-NAME.tfstate`).
   */
  readonly ephemeral?: string;
}

export interface ResolveEnvironmentsOptions extends EnvironmentSelection {
  /** The project root; environment files are `<projectRoot>/<configDir>/<name>.json`. */
  readonly projectRoot: string;
  /** The process environment. */
  readonly env: Environment;
  /** @default `config` */
  readonly configDir?: string;
  /** Reads a file (tests pass an in-memory one). @default the regular-file reader */
  readonly readFile?: FileReader;
}

/** One committed environment file. */
export interface EnvironmentFile {
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
}

/** One environment, resolved and validated. */
export interface ResolvedEnvironment {
  /** The environment's name: the suffix of its stack `payment-<name>`. */
  readonly name: string;
  /** Its file, relative to the project root (`config/staging-eu.json`). */
  readonly file: string;
  readonly config: AppConfig;
  /** For an ephemeral environment, the committed environment it derives from. */
  readonly derivedFrom?: string;
}

export interface EnvironmentResolution {
  readonly environments: readonly ResolvedEnvironment[];
  /** Variables that applied, one line each: the command prints them. */
  readonly overrides: readonly string[];
  /** Variables that were set and did not apply, one line each: the command prints them. */
  readonly ignored: readonly string[];
}

/** The environment files of the project, sorted by name; problems for files that cannot be one. */
export function listEnvironmentFiles(
  projectRoot: string,
  configDir: string = CONFIG_DIR,
): { readonly files: readonly EnvironmentFile[]; readonly problems: readonly string[] } {
  const dir = resolve(projectRoot, configDir);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return { files: [], problems: [] };
  }
  const files: EnvironmentFile[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries.filter((e) => e.endsWith('.json')).sort()) {
    const name = entry.slice(0, -'.json'.length);
    const path = join(dir, entry);
    const shown = relative(projectRoot, path);
    let regular = false;
    try {
      regular = statSync(path).isFile();
    } catch {
      regular = false;
    }
    if (!regular) {
      problems.push(`${shown} is not a regular file; an environment is a JSON file`);
      continue;
    }
    const nameProblem = environmentNameProblem(name);
    if (nameProblem) {
      problems.push(`${shown}: the file name "${name}" ${nameProblem}`);
      continue;
    }
    const clash = seen.get(name.toLowerCase());
    if (clash) {
      problems.push(
        `${shown} and ${clash} name the same environment on a case-insensitive file system; keep one`,
      );
      continue;
    }
    seen.set(name.toLowerCase(), shown);
    files.push({ name, path });
  }
  return { files, problems };
}

/** Why `name` cannot be an environment's name, or `undefined`. */
export function environmentNameProblem(name: string): string | undefined {
  const reserved = reservedBy(name);
  if (reserved)
    return `is reserved for ${reserved.owner} (names are compared ignoring case); pick another name`;
  if (!SUFFIX_PATTERN.test(name))
    return 'is not an environment name (lowercase letters and digits, starting with a letter, single hyphens between; example: staging-eu)';
  if (name.length > MAX_SUFFIX_LENGTH)
    return `is longer than ${MAX_SUFFIX_LENGTH} characters, the most every physical name leaves room for`;
  return undefined;
}

function unknownEnvironment(name: string, files: readonly EnvironmentFile[], configDir: string) {
  const names = files.map((f) => f.name);
  const suggestion = closest(name, names);
  const lines = [
    `There is no environment "${name}" (no ${configDir}/${name}.json).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    `Environments: ${names.join(', ') || `none (${configDir}/ has no environment file)`}.`,
    `To add one, write ${configDir}/${name}.json (see docs/configuration.md and examples/); to carry over today's variables, run npm run env:migrate -- --env ${name}. A short-lived copy of an environment: --env <environment> --ephemeral ${name}.`,
  ];
  return new EnvironmentSelectionError(lines.join('\n'));
}

/** Which names a selection means, before any file is read. */
function selectedNames(
  selection: EnvironmentSelection,
  env: Environment,
  files: readonly EnvironmentFile[],
): { readonly names: readonly string[]; readonly legacy: boolean } {
  if (selection.all && selection.names.length > 0)
    throw new EnvironmentSelectionError('--all cannot be combined with --env. Example: --all');
  if (selection.all) {
    if (selection.ephemeral !== undefined)
      throw new EnvironmentSelectionError(
        '--ephemeral derives one environment from one --env, not from --all. Example: --env dev --ephemeral pr123',
      );
    return { names: files.map((f) => f.name), legacy: false };
  }
  if (selection.names.length > 0) return { names: [...new Set(selection.names)], legacy: false };
  // No option: the one environment the variables name, as before (ENVIRONMENT_SUFFIX, else
  // ENVIRONMENT, else dev): it is still resolved from its file.
  const fromVariables = nonEmpty(env.ENVIRONMENT_SUFFIX) ?? nonEmpty(env.ENVIRONMENT) ?? 'dev';
  return { names: [fromVariables], legacy: true };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** The profile a file's environment has, or a problem. */
function profileOf(
  name: string,
  fileProfile: unknown,
): { profile?: ProfileName; problem?: ConfigProblem } {
  const named = (PROFILE_NAMES as readonly string[]).includes(name)
    ? (name as ProfileName)
    : undefined;
  const given = (PROFILE_NAMES as readonly string[]).includes(String(fileProfile))
    ? (fileProfile as ProfileName)
    : undefined;
  if (fileProfile !== undefined && !given) return {}; // the schema reports the bad value
  if (named && given && named !== given) {
    return {
      problem: {
        field: 'profile',
        value: given,
        rule: `differs from the environment's name "${name}", which is itself a profile's name: environment ${name} has the ${name} profile`,
        example: `"profile": "${name}", or no profile key`,
      },
    };
  }
  const profile = given ?? named;
  if (!profile) {
    return {
      problem: {
        field: 'profile',
        value: undefined,
        rule: `is required: "${name}" is not a profile's name, so the file must say which profile's defaults apply (${PROFILE_NAMES.join(', ')})`,
        example: '"profile": "staging"',
      },
    };
  }
  return { profile };
}

/** The rules only a committed environment file has (the schema checks each value). */
function fileRules(
  name: string,
  file: Readonly<Record<string, unknown>>,
): { profile?: ProfileName; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const { profile, problem } = profileOf(name, file['profile']);
  if (problem) problems.push(problem);
  if (file['region'] === undefined) {
    problems.push({
      field: 'region',
      value: undefined,
      rule: 'is required: an environment runs in one Region, and a default would silently move one that runs elsewhere (before this key, the Region came from AWS_REGION, else us-east-1)',
      example: '"region": "us-east-1"',
    });
  }
  if ((profile === 'staging' || profile === 'prod') && file['allowedAccountIds'] === undefined) {
    problems.push({
      field: 'allowedAccountIds',
      value: undefined,
      rule: `is required for the ${profile} profile, so Terraform refuses to apply it with credentials for any other account`,
      example: '"allowedAccountIds": ["123456789012"]',
    });
  }
  return profile ? { profile, problems } : { problems };
}

/** What the file holds for an identity variable, as the variable would spell it. */
function fileValueOf(
  variable: IdentityVariable,
  file: Readonly<Record<string, unknown>>,
): string | undefined {
  const backend = (file['backend'] ?? {}) as Readonly<Record<string, unknown>>;
  const values: Record<IdentityVariable, unknown> = {
    AWS_REGION: file['region'],
    ALLOWED_ACCOUNT_IDS: Array.isArray(file['allowedAccountIds'])
      ? (file['allowedAccountIds'] as unknown[]).join(',')
      : undefined,
    TERRAFORM_STATE_BUCKET: backend['bucket'],
    // The bucket's Region defaults to the environment's.
    TERRAFORM_STATE_BUCKET_REGION:
      backend['bucket'] !== undefined ? (backend['region'] ?? file['region']) : undefined,
    TERRAFORM_STATE_KMS_KEY_ID: backend['kmsKeyId'],
  };
  const value = values[variable];
  return typeof value === 'string' ? value : undefined;
}

function normalise(variable: IdentityVariable, value: string): string {
  return variable === 'ALLOWED_ACCOUNT_IDS'
    ? value
        .split(',')
        .map((id) => id.trim())
        .join(',')
    : value;
}

/**
 * The variables of a single-environment run checked against its file: an identity variable
 * may only repeat the file; a selector may only name this environment.
 */
function variableProblems(
  name: string,
  profile: ProfileName | undefined,
  shownFile: string,
  absoluteFile: string,
  file: Readonly<Record<string, unknown>>,
  env: Environment,
  projectRoot: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const environment = nonEmpty(env.ENVIRONMENT);
  if (environment !== undefined && profile && environment !== profile) {
    problems.push({
      field: 'ENVIRONMENT',
      value: environment,
      rule: `differs from environment ${name}'s profile (${profile}, ${shownFile}); the file is the environment: unset ENVIRONMENT`,
      example: `npm run synth -- --env ${name}`,
    });
  }
  const suffixVariable = nonEmpty(env.ENVIRONMENT_SUFFIX);
  if (suffixVariable !== undefined && suffixVariable !== name) {
    problems.push({
      field: 'ENVIRONMENT_SUFFIX',
      value: suffixVariable,
      rule: `names another environment than ${name}, the one this run resolves; unset ENVIRONMENT_SUFFIX`,
      example: `npm run synth -- --env ${name}`,
    });
  }
  const configFile = nonEmpty(env.CONFIG_FILE);
  if (configFile !== undefined && resolve(projectRoot, configFile) !== absoluteFile) {
    problems.push({
      field: 'CONFIG_FILE',
      value: configFile,
      rule: `is not environment ${name}'s file (${shownFile}); the file is the environment: unset CONFIG_FILE and put its settings into ${shownFile}, or name the environment whose file it is with --env`,
      example: `npm run synth -- --env ${name}`,
    });
  }
  for (const [variable, key] of Object.entries(IDENTITY_VARIABLES) as [
    IdentityVariable,
    string,
  ][]) {
    const given = nonEmpty(env[variable]);
    if (given === undefined) continue;
    const held = fileValueOf(variable, file);
    if (held !== undefined && normalise(variable, given) === held) continue;
    problems.push({
      field: variable,
      value: given,
      rule:
        held === undefined
          ? `would set ${key}, which ${shownFile} does not hold; a variable never changes an environment's identity: write it into the file (npm run env:migrate -- --env ${name} does), then unset ${variable}`
          : `differs from ${key} (${JSON.stringify(held)}) in ${shownFile}, the environment's definition; unset ${variable}`,
      example: `unset ${variable}`,
    });
  }
  return problems;
}

/** Resolves one environment file into its configuration. */
function resolveFile(
  entry: EnvironmentFile,
  options: ResolveEnvironmentsOptions,
  single: boolean,
  suffix: string,
): { environment?: ResolvedEnvironment; problems: readonly ConfigProblem[] } {
  const readFile = options.readFile ?? ((path: string) => readRegularFile(path));
  const shown = relative(options.projectRoot, entry.path);
  const raw = readConfigFile(entry.path, readFile);
  if (raw.problems.length > 0) return { problems: raw.problems };
  const rules = fileRules(entry.name, raw.value);
  const problems: ConfigProblem[] = [...rules.problems];
  if (single)
    problems.push(
      ...variableProblems(
        entry.name,
        rules.profile,
        shown,
        entry.path,
        raw.value,
        options.env,
        options.projectRoot,
      ),
    );
  const overrides: Record<string, string> = {};
  if (single) {
    for (const variable of Object.keys(OVERRIDE_VARIABLES) as OverrideVariable[]) {
      const value = nonEmpty(options.env[variable]);
      if (value !== undefined) overrides[variable] = value;
    }
  }
  // The same validation every configuration goes through, with the name and profile the
  // file defines; identity variables are never passed (they were compared above).
  let config: AppConfig | undefined;
  try {
    config = loadConfig(
      {
        ...(rules.profile ? { ENVIRONMENT: rules.profile } : {}),
        ENVIRONMENT_SUFFIX: suffix,
        CONFIG_FILE: entry.path,
        ...overrides,
      },
      () => JSON.stringify(raw.value),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !config) return { problems };
  return { environment: { name: suffix, file: shown, config }, problems: [] };
}

/**
 * Resolves `--env` / `--all` (or, with neither, the one environment ENVIRONMENT_SUFFIX or
 * ENVIRONMENT names, else dev) into validated environments. Throws
 * `EnvironmentSelectionError` for a bad selection (unknown name, with did-you-mean and the
 * list) and `ConfigError` (each problem prefixed with its file) for invalid files.
 */
export function resolveEnvironments(options: ResolveEnvironmentsOptions): EnvironmentResolution {
  const configDir = options.configDir ?? CONFIG_DIR;
  const { files, problems: listing } = listEnvironmentFiles(options.projectRoot, configDir);
  const { names, legacy } = selectedNames(options, options.env, files);
  if (options.all && listing.length > 0)
    throw new EnvironmentSelectionError(
      `--all takes every file in ${configDir}/ as an environment, and some cannot be one:\n  ${listing.join('\n  ')}`,
    );
  if (names.length === 0)
    throw new EnvironmentSelectionError(
      `${configDir}/ holds no environment file; write ${configDir}/<name>.json (see examples/).`,
    );
  const single = names.length === 1;
  const ignored: string[] = [];
  const overrides: string[] = [];
  const set = (variable: string) => nonEmpty(options.env[variable]) !== undefined;

  if (!legacy) {
    // With one environment, a selector may repeat it (checked against the file below).
    const selectors = SELECTOR_VARIABLES.filter((v) => set(v) && !single);
    if (selectors.length > 0)
      throw new EnvironmentSelectionError(
        `${selectors.join(', ')} ${selectors.length === 1 ? 'selects' : 'select'} an environment, which --env and --all do: unset ${selectors.join(', ')}. Example: npm run synth -- --env staging`,
      );
  }
  if (!single) {
    const identity = (Object.keys(IDENTITY_VARIABLES) as IdentityVariable[]).filter(
      (v) => v !== 'AWS_REGION' && set(v),
    );
    if (identity.length > 0)
      throw new EnvironmentSelectionError(
        `${identity.join(', ')} would apply to every environment of this run; each environment's ${identity.map((v) => IDENTITY_VARIABLES[v]).join(', ')} ${identity.length === 1 ? 'is' : 'are'} in its own file. Unset ${identity.join(', ')}.`,
      );
    for (const variable of ['AWS_REGION', ...Object.keys(OVERRIDE_VARIABLES)]) {
      if (set(variable))
        ignored.push(
          `${variable} is ignored: with several environments no variable applies (each file holds its own ${variable === 'AWS_REGION' ? 'region' : 'settings'}).`,
        );
    }
  }

  const byName = new Map(files.map((f) => [f.name, f]));
  const problems: string[] = [];
  const environments: ResolvedEnvironment[] = [];
  const ephemeral = options.ephemeral;
  if (ephemeral !== undefined && !single)
    throw new EnvironmentSelectionError(
      `--ephemeral derives one environment from one --env; ${names.length} were given. Example: --env dev --ephemeral pr123`,
    );
  if (ephemeral !== undefined) {
    const problem = environmentNameProblem(ephemeral);
    if (problem) throw new EnvironmentSelectionError(`--ephemeral "${ephemeral}" ${problem}`);
    const committed = files.find((f) => f.name.toLowerCase() === ephemeral.toLowerCase());
    if (committed)
      throw new EnvironmentSelectionError(
        `--ephemeral "${ephemeral}" is the name of the committed environment ${relative(options.projectRoot, committed.path)}; an ephemeral environment needs a name of its own (example: pr123)`,
      );
    const claimed = profileClaimedBy(ephemeral);
    if (claimed)
      throw new EnvironmentSelectionError(
        `--ephemeral "${ephemeral}" names a ${claimed} deployment; an ephemeral environment's name must not be a profile's or start with "prod" (example: pr123)`,
      );
  }
  for (const name of names) {
    const entry = byName.get(name);
    if (!entry) {
      const nameProblem = environmentNameProblem(name);
      if (nameProblem) throw new EnvironmentSelectionError(`Environment "${name}" ${nameProblem}`);
      throw unknownEnvironment(name, files, configDir);
    }
    const suffix = ephemeral ?? name;
    const resolved = resolveFile(entry, options, single, suffix);
    if (!resolved.environment) {
      problems.push(
        `${relative(options.projectRoot, entry.path)}:\n${resolved.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      );
      continue;
    }
    if (ephemeral !== undefined && resolved.environment.config.profile === 'prod') {
      throw new EnvironmentSelectionError(
        `--ephemeral cannot derive from ${name}: it has the prod profile. Derive from a dev or staging environment. Example: --env staging --ephemeral pr123`,
      );
    }
    environments.push(
      ephemeral !== undefined
        ? { ...resolved.environment, derivedFrom: name }
        : resolved.environment,
    );
  }
  if (problems.length > 0) throw new EnvironmentFileError(problems);
  if (single) {
    for (const variable of Object.keys(OVERRIDE_VARIABLES) as OverrideVariable[]) {
      const value = nonEmpty(options.env[variable]);
      if (value !== undefined)
        overrides.push(`${variable}=${value} ${OVERRIDE_VARIABLES[variable]} (not in the file).`);
    }
  }
  return { environments, overrides, ignored };
}

/** Environment files that do not validate: each file's problems, together. */
export class EnvironmentFileError extends InputProblem {
  constructor(readonly files: readonly string[]) {
    super(
      [
        `Invalid environment ${files.length === 1 ? 'file' : 'files'}:`,
        ...files,
        'Nothing was synthesized.',
      ].join('\n'),
    );
    this.name = 'EnvironmentFileError';
  }
}

/** `path` relative to `projectRoot` when inside it. */
export function shownPath(projectRoot: string, path: string): string {
  return isAbsolute(path) ? relative(projectRoot, path) : path;
}

/**
 * The stacks a selection names, for the commands that read synthesized output (cost,
 * resilience, diagram): `payment-<name>` of each environment `--env`, `--all` or
 * `--ephemeral` resolves to (validated, so an unknown name is the same error as everywhere).
 * No selection: `undefined`, every stack of the output.
 */
export function selectedStackNames(
  selection: EnvironmentSelection,
  projectRoot: string,
  env: Environment,
): string[] | undefined {
  if (selection.names.length === 0 && !selection.all && selection.ephemeral === undefined)
    return undefined;
  return resolveEnvironments({ ...selection, projectRoot, env }).environments.map(
    (e) => `payment-${e.name}`,
  );
}
