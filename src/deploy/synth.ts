/**
 * Synthesis and the gate for `plan`, `deploy` and `destroy`, through the project's in-process
 * synthesis (`src/synth/`): Terraform's files in each stack folder survive, local state lives
 * in `state/`, and the gate checks exactly the stacks this run wrote.
 */
import { relative, resolve } from 'node:path';
import { withLock } from '../synth/lock';
import { gateSynthesized } from '../compliance/run';
import type { ResolvedEnvironment } from '../config/environments';
import { defaultOutdir } from '../tfjson/outdir';
import { synthesize } from '../synth/synthesize';
import type { SynthesisResult } from '../synth/synthesize';
import { synthesizeAccountBaseline } from '../synth/account';
import { loadAccountBaseline } from '../config/account-baseline';
import { InputProblem } from '../errors/problems';
import { DeployError } from './errors';
import type { SynthesizedStack } from './stacks';
import { stacksFromManifest } from './stacks';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface SynthIo {
  readonly projectRoot: string;
  /** For the output folder (CDKTF_OUTDIR) only. */
  readonly env: Environment;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Validates and synthesizes each environment and runs the compliance gate over the result;
 * returns the stacks, or throws when validation, synthesis or the gate fails (nothing is
 * planned then).
 */
export function synthesizeAndGate(
  environments: readonly ResolvedEnvironment[],
  io: SynthIo,
): SynthesizedStack[] {
  const outdir = resolve(io.projectRoot, defaultOutdir(io.projectRoot, io.env));
  // Synthesis and the gate under the output folder's lock (src/synth/lock.ts): another run
  // cannot change the files between them, so the gate passes only what this run wrote.
  return withLock(outdir, () => synthesizeAndGateLocked(environments, io, outdir), {
    command: 'npm run plan/deploy/destroy',
    onWait: io.stderr,
  });
}

function synthesizeAndGateLocked(
  environments: readonly ResolvedEnvironment[],
  io: SynthIo,
  outdir: string,
): SynthesizedStack[] {
  const configs = environments.map((e) => e.config);
  let result;
  try {
    result = synthesize({
      configs,
      outdir,
      projectRoot: io.projectRoot,
      onWait: io.stderr,
    });
  } catch (error) {
    throw new DeployError(`Synthesis failed: ${(error as Error).message}\nNothing was planned.`);
  }
  for (const move of result.movedState) {
    io.stdout(
      `Moved Terraform state ${relative(io.projectRoot, move.from)} to ${relative(io.projectRoot, move.to)}\n`,
    );
  }
  return gatedStacks(result, io);
}

/**
 * The account baseline of `config/accounts/<name>.json` (docs/account-baseline.md), validated,
 * synthesized and gated like an environment, under the same lock; an invalid account file is
 * an InputProblem (exit 2) and nothing is written.
 */
export function synthesizeAccountAndGate(name: string, io: SynthIo): SynthesizedStack[] {
  const outdir = resolve(io.projectRoot, defaultOutdir(io.projectRoot, io.env));
  const config = loadAccountBaseline(io.projectRoot, name);
  return withLock(
    outdir,
    () => {
      let result;
      try {
        result = synthesizeAccountBaseline({
          config,
          outdir,
          projectRoot: io.projectRoot,
          env: io.env,
        });
      } catch (error) {
        if (error instanceof InputProblem) throw error;
        throw new DeployError(
          `Synthesis failed: ${(error as Error).message}\nNothing was planned.`,
        );
      }
      return gatedStacks(result, io);
    },
    { command: 'npm run plan/deploy', onWait: io.stderr },
  );
}

/** The gate over exactly what this run wrote; the stacks, or a refusal when it fails. */
function gatedStacks(result: SynthesisResult, io: SynthIo): SynthesizedStack[] {
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
