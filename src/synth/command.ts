/**
 * `npm run synth [-- --env <name>... | --all]` as a function of typed options and the
 * environment: resolves the environments (src/config/environments.ts), synthesizes, and
 * prints what a user needs. Returns the exit code (0 written, 2 invalid configuration, 1 a refused or failed synthesis) and, on
 * success, the stacks written, for the compliance gate.
 */
import { relative, resolve } from 'node:path';
import { withLock } from './lock';
import type { EnvironmentSelection } from '../config/environments';
import { resolveEnvironments } from '../config/environments';
import type { Environment } from '../config/load';
import { defaultOutdir } from '../tfjson/outdir';
import { loadAccountBaseline } from '../config/account-baseline';
import { synthesizeAccountBaseline } from './account';
import { StateConflictError } from './state';
import { InputProblem, UsageProblem } from '../errors/problems';
import type { SynthesisResult } from './synthesize';
import { synthesize } from './synthesize';

export { CONFIG_DIR } from '../config/environments';

/** Which environments: `--env` (repeatable), `--all`, `--ephemeral` (src/config/environments.ts). */
export type SynthOptions = EnvironmentSelection & {
  /**
   * The account baseline of `config/accounts/<name>.json` instead of environments
   * (docs/account-baseline.md). @default none
   */
  readonly account?: string;
};

export interface SynthIo {
  /** The project root. */
  readonly cwd: string;
  readonly env: Environment;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface SynthOutcome {
  readonly code: number;
  readonly result?: SynthesisResult;
}

/**
 * Runs `fn` (synthesis and the gate over what it wrote) holding the output folder's lock, so
 * no other run changes the files between the two: the gate never reports on a file it did not
 * check (src/synth/lock.ts).
 */
export function withOutputLock<T>(io: SynthIo, fn: () => T): T {
  const outdir = resolve(io.cwd, defaultOutdir(io.cwd, io.env));
  return withLock(outdir, fn, { command: 'npm run synth', onWait: io.stderr });
}

export function runSynth(options: SynthOptions, io: SynthIo): SynthOutcome {
  if (options.account !== undefined) {
    if (options.all || options.names.length > 0 || options.ephemeral !== undefined)
      throw new UsageProblem(
        '--account synthesizes the account baseline alone: it cannot be combined with --env, --all or --ephemeral',
      );
    return synthAccount(options.account, io);
  }
  let resolution;
  try {
    resolution = resolveEnvironments({ ...options, projectRoot: io.cwd, env: io.env });
  } catch (error) {
    // An unknown environment or an invalid file: the user's to fix, exit 2.
    if (error instanceof InputProblem) {
      io.stderr(`${error.message}\n`);
      return { code: 2 };
    }
    throw error;
  }
  for (const line of [...resolution.overrides, ...resolution.ignored]) io.stderr(`${line}\n`);
  const configs = resolution.environments.map((e) => e.config);
  const shown = (path: string) => relative(io.cwd, path) || '.';
  let result: SynthesisResult;
  try {
    const outdir = defaultOutdir(io.cwd, io.env);
    result = synthesize({ configs, outdir, projectRoot: io.cwd, onWait: io.stderr });
  } catch (error) {
    // The user's to fix (a malformed manifest, a name AWS refuses, two stacks of one name):
    // exit 2; state in the way: 1; anything else is a defect and reaches the contract (3).
    if (error instanceof StateConflictError) {
      io.stderr(`${error.message}\n`);
      return { code: 1 };
    }
    if (error instanceof InputProblem) {
      io.stderr(`Synthesis failed: ${error.message}\nNothing was written.\n`);
      return { code: 2 };
    }
    throw error;
  }
  for (const move of result.movedState) {
    io.stdout(
      `Moved Terraform state ${shown(move.from)} to ${shown(move.to)} (state now lives outside the output folder); run \`terraform init -reconfigure\` in the stack's folder before the next plan.\n`,
    );
  }
  for (const stack of result.stacks) {
    io.stdout(
      `Synthesized ${stack.name} (profile ${stack.profile}, ${stack.region}) to ${shown(stack.synthesizedStackPath)}\n`,
    );
  }
  return { code: 0, result };
}

/** `--account <name>`: the baseline's stacks, validated and written like an environment's. */
function synthAccount(name: string, io: SynthIo): SynthOutcome {
  let result: SynthesisResult;
  try {
    const config = loadAccountBaseline(io.cwd, name);
    result = synthesizeAccountBaseline({
      config,
      outdir: defaultOutdir(io.cwd, io.env),
      projectRoot: io.cwd,
      env: io.env,
    });
  } catch (error) {
    // Invalid account file (ConfigError) or a malformed output folder: the user's to fix.
    if (error instanceof InputProblem) {
      io.stderr(`${error.message}\n`);
      return { code: 2 };
    }
    throw error;
  }
  for (const stack of result.stacks)
    io.stdout(
      `Synthesized ${stack.name} (account baseline, ${stack.region}) to ${relative(io.cwd, stack.synthesizedStackPath)}\n`,
    );
  return { code: 0, result };
}
