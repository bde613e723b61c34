/** What every command needs for one stack, and what it does before Terraform writes there. */
import { join } from 'node:path';
import { STATE_DIR, stateFile } from '../synth/state';
import type { StackGraph } from '../tfjson/graph';
import type { CommandOptions } from './args';
import { ensurePrivateDir, narrowToPrivate } from './private-files';
import type { SynthesizedStack } from './stacks';
import type { Environment } from './synth';
import type { ResolvedEnvironment } from '../config/environments';
import type { TerraformBinary } from './terraform';

export interface DeployIo {
  readonly projectRoot: string;
  readonly env: Environment;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Synthesizes these environments and runs the gate; throws when either fails. */
  readonly synthesize: (environments: readonly ResolvedEnvironment[]) => SynthesizedStack[];
  /** Synthesizes the account baseline `config/accounts/<name>.json` and runs the gate. */
  readonly synthesizeAccount?: (name: string) => SynthesizedStack[];
  /** Clock, for file names and records (tests pin it). */
  readonly now?: () => Date;
  /** Terraform's own output goes to this file (appended) instead of the terminal. */
  readonly terraformLog?: string;
}

/** What each command needs for one stack: the binary, the stack and its graph, flags and io. */
export interface StackStep {
  readonly binary: TerraformBinary;
  readonly stack: SynthesizedStack;
  readonly graph: StackGraph;
  readonly options: CommandOptions;
  readonly io: DeployIo;
}

/**
 * Narrows what may hold secrets before Terraform writes there: the stack folder (saved plans)
 * and `state/` to 0700, a local state file written by an earlier version to 0600.
 */
export function privatizeStack(stack: SynthesizedStack, projectRoot: string): void {
  ensurePrivateDir(stack.workingDirectory);
  ensurePrivateDir(join(projectRoot, STATE_DIR));
  const state = stateFile(projectRoot, stack.name);
  narrowToPrivate(state);
  narrowToPrivate(`${state}.backup`);
}
