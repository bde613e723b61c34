/**
 * `--git <ref>`: the same environment synthesized at another commit and in the working tree,
 * each into its own scratch folder. The commit's files come from `git archive` (no checkout,
 * no change to the repository or its worktrees), built with this project's node_modules.
 * The user's cdktf.out, state and plans are never touched.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '../../config/environments';
import {
  CONFIG_DIR,
  EnvironmentFileError,
  EnvironmentSelectionError,
  IDENTITY_VARIABLES,
  resolveEnvironments,
  SELECTOR_VARIABLES,
} from '../../config/environments';
import { ConfigError } from '../../config/errors';
import { loadAccountBaseline } from '../../config/account-baseline';
import { InputError } from '../../tfjson/graph';

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: Buffer | string;
  readonly stderr: Buffer | string;
}

/** Runs a command (tests pass a fake that records what it was asked). */
export type Exec = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: Buffer },
) => CommandResult;

export const realExec: Exec = (command, args, options) =>
  spawnSync(command, args, { ...options, maxBuffer: 512 * 1024 * 1024 });

/** A commit without this file cannot synthesize an account baseline (`synth --account`). */
const ACCOUNT_SYNTHESIS = 'src/synth/account.ts';

/** Variables that pick or define an environment: neither side of the diff takes them as given. */
const ENVIRONMENT_VARIABLES = [
  ...SELECTOR_VARIABLES,
  ...Object.keys(IDENTITY_VARIABLES),
] as readonly string[];

/** `env` without the variables that pick or define an environment. */
function withoutEnvironmentVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !ENVIRONMENT_VARIABLES.includes(key)),
  );
}

/**
 * The variables that made an environment before environment files held its identity: what a
 * commit from before `src/config/environments.ts` needs to synthesize the same environment
 * (its own committed `config/<name>.json` holds the rest).
 */
function legacyVariables(environment: ResolvedEnvironment, source: string): NodeJS.ProcessEnv {
  const { config, name } = environment;
  const file = join(source, CONFIG_DIR, `${name}.json`);
  return {
    ENVIRONMENT: config.profile,
    ENVIRONMENT_SUFFIX: name,
    AWS_REGION: config.region,
    ...(config.allowedAccountIds
      ? { ALLOWED_ACCOUNT_IDS: config.allowedAccountIds.join(',') }
      : {}),
    ...(config.backend.kind === 's3'
      ? {
          TERRAFORM_STATE_BUCKET: config.backend.bucket,
          TERRAFORM_STATE_BUCKET_REGION: config.backend.region,
          ...(config.backend.kmsKeyId
            ? { TERRAFORM_STATE_KMS_KEY_ID: config.backend.kmsKeyId }
            : {}),
        }
      : {}),
    ...(existsSync(file) ? { CONFIG_FILE: file } : {}),
  };
}

/**
 * Synthesizes the environments `names` (none: the one the variables name, else dev) at `ref`
 * and in the working tree, each from its own committed environment files: the working tree's
 * `config/<name>.json` and the one at `ref`. A commit from before environment files held the
 * identity gets it as the variables it read then. With `account`, the account baseline of
 * `config/accounts/<account>.json` instead (`synth --account` on both sides; `names` unused),
 * so `--write-moves` can record the moves of its stacks too.
 */
export function synthesizeAtRef(
  root: string,
  ref: string,
  env: NodeJS.ProcessEnv,
  exec: Exec = realExec,
  names: readonly string[] = [],
  account?: string,
): { before: string; after: string; cleanup: () => void } {
  let environments: readonly ResolvedEnvironment[] = [];
  try {
    // The working tree's account file is checked here, before the commit is unpacked and built.
    if (account !== undefined) loadAccountBaseline(root, account);
    else
      environments = resolveEnvironments({
        projectRoot: root,
        env,
        names,
        all: false,
      }).environments;
  } catch (error) {
    if (
      error instanceof EnvironmentSelectionError ||
      error instanceof EnvironmentFileError ||
      error instanceof ConfigError
    )
      throw new InputError(error.message);
    throw error;
  }
  const selected =
    account !== undefined ? ['--account', account] : environments.flatMap((e) => ['--env', e.name]);
  const clean = withoutEnvironmentVariables(env);
  const check = exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: root,
    env,
  });
  if (check.status !== 0) {
    throw new InputError(
      `--git "${ref}" is not a commit in this repository. Example: --git main or --git HEAD~1`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'payment-diff-'));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const source = join(scratch, 'source');
    mkdirSync(source);
    const archive = exec('git', ['archive', '--format=tar', ref], { cwd: root, env });
    if (archive.status !== 0)
      throw new InputError(`git archive ${ref} failed: ${String(archive.stderr).trim()}`);
    const untar = exec('tar', ['-x', '-C', source], {
      cwd: root,
      env,
      input: Buffer.from(archive.stdout),
    });
    if (untar.status !== 0)
      throw new InputError(`unpacking ${ref} failed: ${String(untar.stderr).trim()}`);
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    const before = join(scratch, 'before');
    const after = join(scratch, 'after');
    // Each side reads its own committed environment file. A commit that has the resolver takes
    // --env; an older one takes the variables that made the environment then.
    const resolverAtRef = existsSync(join(source, 'src', 'config', 'environments.ts'));
    const [legacy] = environments;
    const refEnv: NodeJS.ProcessEnv =
      resolverAtRef || !legacy ? clean : { ...clean, ...legacyVariables(legacy, source) };
    // An environment (or an account) whose file the commit does not have is new: the diff
    // shows its stacks as added.
    const atRef =
      account !== undefined
        ? []
        : resolverAtRef
          ? environments.filter((e) => existsSync(join(source, CONFIG_DIR, `${e.name}.json`)))
          : environments;
    const accountAtRef =
      account !== undefined && existsSync(join(source, CONFIG_DIR, 'accounts', `${account}.json`));
    if (accountAtRef && !existsSync(join(source, ACCOUNT_SYNTHESIS)))
      throw new InputError(
        `--account: ${ref} has no account baseline synthesis (${ACCOUNT_SYNTHESIS}); compare with a later commit, or write moves/<stack>.json by hand (CONTRIBUTING.md, "Renaming a construct")`,
      );
    const refArgs = accountAtRef
      ? selected
      : resolverAtRef
        ? atRef.flatMap((e) => ['--env', e.name])
        : [];
    const nothingAtRef = atRef.length === 0 && !accountAtRef;
    if (nothingAtRef) {
      mkdirSync(before, { recursive: true });
      writeFileSync(join(before, 'manifest.json'), '{"stacks":{}}\n');
    }
    // A commit with scripts/run.mjs builds and synthesizes in one process, with the entry its
    // cdktf.json names (`synth`; `main` before the entry points moved to src/cli/); older ones
    // build with `scripts/build.mjs main`, then run dist/main.js. The working tree's dist/ is
    // current: `npm run diff` rebuilt it.
    const refSteps: Array<[string, string[], NodeJS.ProcessEnv]> = nothingAtRef
      ? []
      : existsSync(join(source, 'scripts', 'run.mjs'))
        ? [
            [
              process.execPath,
              ['scripts/run.mjs', synthEntryAt(source), ...refArgs],
              { ...refEnv, CDKTF_OUTDIR: before },
            ],
          ]
        : [
            [process.execPath, ['scripts/build.mjs', 'main'], env],
            [process.execPath, ['dist/main.js', ...refArgs], { ...refEnv, CDKTF_OUTDIR: before }],
          ];
    const steps: Array<[string, string[], string, NodeJS.ProcessEnv]> = [
      ...refSteps.map(([c, a, e]): [string, string[], string, NodeJS.ProcessEnv] => [
        c,
        a,
        source,
        e,
      ]),
      [
        process.execPath,
        ['dist/cli/synth.js', ...selected],
        root,
        { ...clean, CDKTF_OUTDIR: after },
      ],
    ];
    for (const [command, args, cwd, stepEnv] of steps) {
      const result = exec(command, args, { cwd, env: stepEnv });
      // Synthesis exits 1 also when the gate fails on what it wrote: the diff reports those
      // findings itself, so a written output counts.
      const outdir = stepEnv.CDKTF_OUTDIR;
      const written = outdir !== undefined && existsSync(join(outdir, 'manifest.json'));
      if (result.status !== 0 && !written) {
        const where = cwd === source ? `at ${ref}` : 'in the working tree';
        throw new InputError(
          `synthesis ${where} failed:\n${String(result.stderr).trim() || String(result.stdout).trim()}`,
        );
      }
    }
    return { before, after, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * The synthesis entry point of a checkout: the one its cdktf.json runs through
 * scripts/run.mjs (`node scripts/run.mjs synth`), or `main`, the name it had before.
 */
function synthEntryAt(source: string): string {
  try {
    const app = (JSON.parse(readFileSync(join(source, 'cdktf.json'), 'utf8')) as { app?: unknown })
      .app;
    const entry =
      typeof app === 'string' ? /^node scripts\/run\.mjs (\S+)$/.exec(app)?.[1] : undefined;
    return entry ?? 'main';
  } catch {
    return 'main';
  }
}
