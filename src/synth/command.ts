/**
 * `npm run synth [-- --all]` as a function of typed options and the environment: reads and
 * validates the configuration(s), synthesizes, and prints what a user needs. Returns the
 * exit code (0 written, 2 invalid configuration, 1 a refused or failed synthesis) and, on
 * success, the stacks written, for the compliance gate.
 */
import { join, relative } from 'node:path';
import { ConfigError } from '../config/errors';
import type { Environment } from '../config/load';
import { loadConfig } from '../config/load';
import { PROFILE_NAMES } from '../config/profiles';
import type { AppConfig } from '../config/types';
import { defaultOutdir } from '../tfjson/outdir';
import { loadAccountBaseline } from '../config/account-baseline';
import { synthesizeAccountBaseline } from './account';
import { StateConflictError } from './state';
import { InputProblem, UsageProblem } from '../errors/problems';
import type { SynthesisResult } from './synthesize';
import { synthesize } from './synthesize';

/** Committed configuration of each environment `--all` synthesizes: `config/<env>.json`. */
export const CONFIG_DIR = 'config';

/** Variables that pick one environment, which `--all` sets itself. */
// ALLOWED_ACCOUNT_IDS too: one environment's accounts must not reach the others (each file
// has its own allowedAccountIds).
const PER_ENVIRONMENT_VARIABLES = [
  'ENVIRONMENT',
  'ENVIRONMENT_SUFFIX',
  'CONFIG_FILE',
  'ALLOWED_ACCOUNT_IDS',
] as const;

export interface SynthOptions {
  /** Every environment, each from its committed file; else the one the variables describe. */
  readonly all: boolean;
  /**
   * The account baseline of `config/accounts/<name>.json` instead of environments
   * (docs/account-baseline.md). @default none
   */
  readonly account?: string;
}

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

/** Each environment's configuration, or the problems of every one that is invalid. */
function readConfigs(all: boolean, io: SynthIo): AppConfig[] | string {
  if (!all) {
    try {
      return [loadConfig(io.env)];
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
  }
  const set = PER_ENVIRONMENT_VARIABLES.filter((name) => io.env[name] !== undefined);
  if (set.length > 0)
    return `--all takes each environment from ${CONFIG_DIR}/<environment>.json; unset ${set.join(', ')} (or drop --all to synthesize one environment). Example: npm run synth -- --all\nNothing was synthesized.`;
  const configs: AppConfig[] = [];
  const failures: string[] = [];
  for (const environment of PROFILE_NAMES) {
    const file = join(CONFIG_DIR, `${environment}.json`);
    try {
      configs.push(
        loadConfig({ ...io.env, ENVIRONMENT: environment, CONFIG_FILE: join(io.cwd, file) }),
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      failures.push(`${environment} (${file}): ${error.message}`);
    }
  }
  return failures.length > 0 ? failures.join('\n') : configs;
}

export function runSynth(options: SynthOptions, io: SynthIo): SynthOutcome {
  if (options.account !== undefined) {
    if (options.all)
      throw new UsageProblem('--all and --account cannot be combined: synthesize one or the other');
    return synthAccount(options.account, io);
  }
  const configs = readConfigs(options.all, io);
  if (typeof configs === 'string') {
    io.stderr(`${configs}\n`);
    return { code: 2 };
  }
  const shown = (path: string) => relative(io.cwd, path) || '.';
  let result: SynthesisResult;
  try {
    const outdir = defaultOutdir(io.cwd, io.env);
    result = synthesize({ configs, outdir, projectRoot: io.cwd });
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
