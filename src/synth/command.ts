/**
 * `npm run synth [-- --env <name>... | --all]` as a function of its arguments and environment:
 * resolves the environments (`src/config/environments.ts`), synthesizes, and prints what a
 * user needs. Returns the exit code (0 written, 1 failed synthesis, 2 bad usage or invalid
 * configuration) and, on success, the stacks written, for the compliance gate.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { ConfigError } from '../config/errors';
import type { EnvironmentSelection } from '../config/environments';
import {
  CONFIG_DIR,
  EnvironmentFileError,
  EnvironmentSelectionError,
  resolveEnvironments,
} from '../config/environments';
import type { Environment } from '../config/load';
import type { AppConfig } from '../config/types';
import { defaultOutdir } from '../tfjson/outdir';
import { StateConflictError } from './state';
import type { SynthesisResult } from './synthesize';
import { synthesize } from './synthesize';

export { CONFIG_DIR } from '../config/environments';

export const SYNTH_USAGE = `Usage: npm run synth [-- --env <name>... | --all] [--ephemeral <name>]
  (no flag)          the environment ENVIRONMENT_SUFFIX or ENVIRONMENT names, else dev, from ${CONFIG_DIR}/<name>.json
  --env <name>       the environment ${CONFIG_DIR}/<name>.json defines; repeatable
  --all              every environment file in ${CONFIG_DIR}/
  --ephemeral <name> a short-lived copy of the one --env environment under its own name (not prod)`;

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

/** The environments a selection means, or the message that says why not (exit 2). */
export function readConfigs(
  selection: EnvironmentSelection,
  io: SynthIo,
): { configs: AppConfig[] } | { message: string } {
  try {
    const resolution = resolveEnvironments({ ...selection, projectRoot: io.cwd, env: io.env });
    for (const line of [...resolution.overrides, ...resolution.ignored]) io.stderr(`${line}\n`);
    return { configs: resolution.environments.map((e) => e.config) };
  } catch (error) {
    if (
      error instanceof EnvironmentSelectionError ||
      error instanceof EnvironmentFileError ||
      error instanceof ConfigError
    )
      return { message: error.message };
    throw error;
  }
}

export function runSynth(args: readonly string[], io: SynthIo): SynthOutcome {
  let selection: EnvironmentSelection;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        all: { type: 'boolean' },
        env: { type: 'string', multiple: true },
        ephemeral: { type: 'string' },
      },
    });
    selection = {
      all: values.all ?? false,
      names: values.env ?? [],
      ...(values.ephemeral !== undefined ? { ephemeral: values.ephemeral } : {}),
    };
  } catch (error) {
    io.stderr(`synth: ${(error as Error).message}\n${SYNTH_USAGE}\n`);
    return { code: 2 };
  }
  const read = readConfigs(selection, io);
  if ('message' in read) {
    io.stderr(`${read.message}\n`);
    return { code: 2 };
  }
  const { configs } = read;
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
