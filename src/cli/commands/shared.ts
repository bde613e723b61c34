/** Options several commands share, declared once so they read the same everywhere. */
import type { StringOption } from '../args';
import type { EnvironmentSelection } from '../../config/environments';

/** `--dir`: the synthesized output a reading command reads. */
export const OUTPUT_FOLDER_OPTION = {
  type: 'string',
  value: 'folder',
  example: 'cdktf.out',
  help: 'synthesized output (default: CDKTF_OUTDIR, else "output" in cdktf.json, else cdktf.out)',
} as const satisfies StringOption;

/** `--stack`: only these stacks of the output. */
export const STACK_OPTION = {
  type: 'string',
  value: 'name',
  example: 'payment-dev',
  multiple: true,
  help: 'only this stack (default every stack)',
} as const satisfies StringOption;

/** `--env`: one environment, by the name of its file in config/ (or a suffix such as pr123). */
export const ENVIRONMENT_OPTION = {
  type: 'string',
  value: 'name',
  example: 'dev',
  pattern: {
    regex: /^[a-z][a-z0-9-]{0,19}$/,
    rule: 'is not an environment name (lowercase letters, digits and -, starting with a letter, at most 20)',
  },
  help: 'environment (dev, staging, prod, or a suffix such as pr123)',
} as const satisfies StringOption;

/** `--env`, repeatable: the environments, by the names of their files in config/. */
export const ENVIRONMENTS_OPTION = {
  ...ENVIRONMENT_OPTION,
  multiple: true,
  help: 'environment: config/<name>.json (repeatable; default: ENVIRONMENT_SUFFIX, else ENVIRONMENT, else dev)',
} as const satisfies StringOption;

/**
 * The options that select environments, the same for every command that acts on them
 * (src/config/environments.ts resolves them): `--env` (repeatable), `--all`, `--ephemeral`.
 */
export const ENVIRONMENT_OPTIONS = {
  env: ENVIRONMENTS_OPTION,
  all: { type: 'boolean', help: 'every environment file in config/' },
  ephemeral: {
    ...ENVIRONMENT_OPTION,
    example: 'pr123',
    help: 'a short-lived copy of the one --env environment under this name (never prod); stack payment-<name>, state key <name>/payment-<name>.tfstate',
  },
} as const;

/** `--account`: the account baseline of config/accounts/<name>.json (docs/account-baseline.md). */
export const ACCOUNT_OPTION = {
  type: 'string',
  value: 'name',
  example: 'main',
  help: 'the account baseline of config/accounts/<name>.json instead of environments (docs/account-baseline.md)',
} as const satisfies StringOption;

/** The selection the environment options make. */
export function selectionOf(options: {
  readonly env: readonly string[];
  readonly all: boolean;
  readonly ephemeral: string | undefined;
}): EnvironmentSelection {
  return {
    names: options.env,
    all: options.all,
    ...(options.ephemeral !== undefined ? { ephemeral: options.ephemeral } : {}),
  };
}
