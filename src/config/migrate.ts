/**
 * `npm run env:migrate -- --env <name>`: writes what the environment variables held for
 * environment `<name>` into its file, `config/<name>.json`, so that the file is the whole
 * environment (src/config/environments.ts) and the next synthesis is byte-identical to the
 * last one made from the variables.
 *
 * Moved into the file: `ENVIRONMENT` (as `profile`, unless `<name>` is the profile's own name),
 * `AWS_REGION` (as `region`; us-east-1 when unset, the old default), `ALLOWED_ACCOUNT_IDS`,
 * `TERRAFORM_STATE_BUCKET`, `_BUCKET_REGION` and `_KMS_KEY_ID` (as `backend`) and the keys of
 * the file `CONFIG_FILE` named. Left as variables: the overrides that remain (`ALARM_EMAIL`,
 * `REPOSITORY`, `TEAM`, `COMMIT_AUTHOR`). A value the file already holds differently is a
 * conflict: nothing is written.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { CONFIG_DIR, environmentNameProblem } from './environments';
import { readConfigFile } from './parse';
import type { FileReader } from './parse';
import { PROFILE_NAMES } from './profiles';
import { COMMON_DEFAULTS } from './profiles';
import { readRegularFile } from '../files/read-regular';
import { InputProblem } from '../errors/problems';

/** The variables and the file disagree, or the name cannot be an environment's: exit 2. */
export class MigrationError extends InputProblem {}

export interface MigrateOptions {
  readonly projectRoot: string;
  /** The environment's name: `ENVIRONMENT_SUFFIX`, else `ENVIRONMENT`, else dev, as before. */
  readonly name?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Write nothing; return what would be written. */
  readonly dryRun?: boolean;
  readonly readFile?: FileReader;
}

export interface Migration {
  readonly name: string;
  /** The file, relative to the project root. */
  readonly file: string;
  readonly content: Record<string, unknown>;
  /** One line per key the migration set, for the user. */
  readonly moved: readonly string[];
  /** Variables that stay variables (the remaining overrides), for the user. */
  readonly kept: readonly string[];
}

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export function migrateEnvironment(options: MigrateOptions): Migration {
  const { env } = options;
  const readFile = options.readFile ?? ((path: string) => readRegularFile(path));
  const name =
    options.name ??
    (set(env.ENVIRONMENT_SUFFIX) ? env.ENVIRONMENT_SUFFIX : undefined) ??
    (set(env.ENVIRONMENT) ? env.ENVIRONMENT : undefined) ??
    'dev';
  const problem = environmentNameProblem(name);
  if (problem) throw new MigrationError(`environment "${name}" ${problem}`);
  const path = join(resolve(options.projectRoot), CONFIG_DIR, `${name}.json`);
  const shown = relative(options.projectRoot, path);
  const read = (file: string) => {
    const result = readConfigFile(file, readFile);
    if (result.problems.length > 0)
      throw new MigrationError(result.problems.map((p) => `${file} ${String(p.rule)}`).join('\n'));
    return result.value;
  };
  const existing = existsSync(path) ? read(path) : {};
  const fromConfigFile =
    set(env.CONFIG_FILE) && resolve(options.projectRoot, env.CONFIG_FILE) !== path
      ? read(resolve(options.projectRoot, env.CONFIG_FILE))
      : {};

  const content: Record<string, unknown> = {
    $schema: existing['$schema'] ?? '../docs/config.schema.json',
    ...existing,
  };
  const moved: string[] = [];
  const conflicts: string[] = [];
  const put = (key: string, value: unknown, from: string) => {
    const held = content[key];
    if (held !== undefined && JSON.stringify(held) !== JSON.stringify(value)) {
      conflicts.push(
        `${from} gives ${key} ${JSON.stringify(value)}, but ${shown} holds ${JSON.stringify(held)}`,
      );
      return;
    }
    if (held === undefined) moved.push(`${key} = ${JSON.stringify(value)} (from ${from})`);
    content[key] = value;
  };
  for (const [key, value] of Object.entries(fromConfigFile))
    put(key, value, `CONFIG_FILE (${env.CONFIG_FILE})`);

  const profile = set(env.ENVIRONMENT) ? env.ENVIRONMENT : 'dev';
  const isProfileName = (PROFILE_NAMES as readonly string[]).includes(name);
  if (isProfileName && profile !== name && set(env.ENVIRONMENT))
    conflicts.push(
      `ENVIRONMENT=${profile}, but environment ${name} has the ${name} profile by its name`,
    );
  if (!isProfileName)
    put('profile', profile, set(env.ENVIRONMENT) ? 'ENVIRONMENT' : 'the old default');
  put(
    'region',
    set(env.AWS_REGION) ? env.AWS_REGION : COMMON_DEFAULTS.region,
    set(env.AWS_REGION) ? 'AWS_REGION' : 'the old default',
  );
  if (set(env.ALLOWED_ACCOUNT_IDS))
    put(
      'allowedAccountIds',
      env.ALLOWED_ACCOUNT_IDS.split(',').map((id) => id.trim()),
      'ALLOWED_ACCOUNT_IDS',
    );
  if (set(env.TERRAFORM_STATE_BUCKET)) {
    put(
      'backend',
      {
        bucket: env.TERRAFORM_STATE_BUCKET,
        ...(set(env.TERRAFORM_STATE_BUCKET_REGION)
          ? { region: env.TERRAFORM_STATE_BUCKET_REGION }
          : {}),
        ...(set(env.TERRAFORM_STATE_KMS_KEY_ID)
          ? { kmsKeyId: env.TERRAFORM_STATE_KMS_KEY_ID }
          : {}),
      },
      'TERRAFORM_STATE_*',
    );
  }
  if (conflicts.length > 0)
    throw new MigrationError(
      `Nothing was written; the variables and ${shown} disagree:\n  ${conflicts.join('\n  ')}\nSettle each value in the file, unset the variable, and run again.`,
    );
  const kept = ['ALARM_EMAIL', 'REPOSITORY', 'TEAM', 'COMMIT_AUTHOR'].filter((v) => set(env[v]));
  if (!options.dryRun) writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`);
  return { name, file: shown, content, moved, kept };
}
