/**
 * Synthesis and the gate for `plan`, `deploy` and `destroy`, through the project's in-process
 * synthesis (`src/synth/`): Terraform's files in each stack folder survive, local state lives
 * in `state/`, and the gate checks exactly the stacks this run wrote.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gateSynthesized } from '../compliance/run';
import { ConfigError } from '../config/errors';
import { loadConfig } from '../config/load';
import { PROFILE_NAMES } from '../config/profiles';
import type { AppConfig } from '../config/types';
import { CONFIG_DIR } from '../synth/command';
import { defaultOutdir } from '../tfjson/outdir';
import { synthesize } from '../synth/synthesize';
import { DeployError } from './errors';
import type { SynthesizedStack } from './stacks';
import { stacksFromManifest } from './stacks';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The variables that synthesize environment `name`: its profile (the name itself for dev,
 * staging and prod, else ENVIRONMENT as given), its suffix, and `config/<name>.json` when the
 * project has one and CONFIG_FILE is not set.
 */
export function environmentFor(name: string, base: Environment, projectRoot: string): Environment {
  const configFile = join(projectRoot, CONFIG_DIR, `${name}.json`);
  return {
    ...base,
    ENVIRONMENT: (PROFILE_NAMES as readonly string[]).includes(name) ? name : base.ENVIRONMENT,
    ENVIRONMENT_SUFFIX: name,
    CONFIG_FILE: base.CONFIG_FILE ?? (existsSync(configFile) ? configFile : undefined),
  };
}

/** The environments `--all` means: one per `config/<name>.json`, else dev, staging and prod. */
export function allEnvironments(projectRoot: string): string[] {
  const dir = join(projectRoot, CONFIG_DIR);
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .sort()
    : [];
  return names.length > 0 ? names : [...PROFILE_NAMES];
}

export interface SynthIo {
  readonly projectRoot: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Validates and synthesizes each environment and runs the compliance gate over the result;
 * returns the stacks, or throws when validation, synthesis or the gate fails (nothing is
 * planned then).
 */
export function synthesizeAndGate(
  environments: readonly Environment[],
  io: SynthIo,
): SynthesizedStack[] {
  const problems: string[] = [];
  const configs: AppConfig[] = [];
  for (const env of environments) {
    try {
      configs.push(loadConfig(env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`${env.ENVIRONMENT_SUFFIX ?? env.ENVIRONMENT ?? 'dev'}: ${error.message}`);
    }
  }
  if (problems.length > 0) {
    throw new DeployError(`${problems.join('\n')}\nNothing was planned.`);
  }
  const base = environments[0] ?? {};
  let result;
  try {
    result = synthesize({
      configs,
      outdir: defaultOutdir(io.projectRoot, base),
      projectRoot: io.projectRoot,
    });
  } catch (error) {
    throw new DeployError(`Synthesis failed: ${(error as Error).message}\nNothing was planned.`);
  }
  for (const move of result.movedState) {
    io.stdout(
      `Moved Terraform state ${relative(io.projectRoot, move.from)} to ${relative(io.projectRoot, move.to)}\n`,
    );
  }
  const code = gateSynthesized(result, {
    cwd: io.projectRoot,
    stdout: io.stdout,
    stderr: io.stderr,
    colour: false,
    synthesize: () => 1,
  });
  if (code !== 0) {
    throw new DeployError(
      'The compliance gate failed (report above); nothing was planned. Fix the findings or add a reviewed suppression.',
    );
  }
  return stacksFromManifest(
    result.outdir,
    result.stacks.map((s) => s.name),
  );
}
