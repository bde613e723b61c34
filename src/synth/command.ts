/**
 * `npm run synth [-- --all]` as a function of its arguments and environment: reads and
 * validates the configuration(s), synthesizes, and prints what a user needs. Returns the
 * exit code (0 written, 1 bad input or failed synthesis, 2 bad usage) and, on success, the
 * stacks written, for the compliance gate.
 */
import { parseArgs } from 'node:util';
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

export const SYNTH_USAGE = `Usage: npm run synth [-- --all | --account <name>]
  (no flag)         one environment, from ENVIRONMENT, ENVIRONMENT_SUFFIX, CONFIG_FILE and the other variables
  --all             every environment (${PROFILE_NAMES.join(', ')}), each from ${CONFIG_DIR}/<environment>.json
  --account <name>  the account baseline of ${CONFIG_DIR}/accounts/<name>.json (docs/account-baseline.md)`;

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

export function runSynth(args: readonly string[], io: SynthIo): SynthOutcome {
  let all: boolean;
  let account: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { all: { type: 'boolean' }, account: { type: 'string' } },
    });
    all = values.all ?? false;
    account = values.account;
    if (all && account !== undefined) throw new Error('--all and --account cannot be combined');
  } catch (error) {
    io.stderr(`synth: ${(error as Error).message}\n${SYNTH_USAGE}\n`);
    return { code: 2 };
  }
  if (account !== undefined) return synthAccount(account, io);
  const configs = readConfigs(all, io);
  if (typeof configs === 'string') {
    io.stderr(`${configs}\n`);
    return { code: 1 };
  }
  const shown = (path: string) => relative(io.cwd, path) || '.';
  let result: SynthesisResult;
  try {
    const outdir = defaultOutdir(io.cwd, io.env);
    result = synthesize({ configs, outdir, projectRoot: io.cwd });
  } catch (error) {
    if (error instanceof StateConflictError) {
      io.stderr(`${error.message}\n`);
      return { code: 1 };
    }
    // Ours (output folder, manifest, duplicate stacks) and cdktn's (validation, tokens) alike:
    // one message, no stack trace.
    io.stderr(`Synthesis failed: ${(error as Error).message}\nNothing was written.\n`);
    return { code: 1 };
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
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return { code: 1 };
    }
    io.stderr(`Synthesis failed: ${(error as Error).message}\nNothing was written.\n`);
    return { code: 1 };
  }
  for (const stack of result.stacks)
    io.stdout(
      `Synthesized ${stack.name} (account baseline, ${stack.region}) to ${relative(io.cwd, stack.synthesizedStackPath)}\n`,
    );
  return { code: 0, result };
}
