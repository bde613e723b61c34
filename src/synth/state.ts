/**
 * Where local Terraform state lives, and the one-time move out of the synthesized output.
 *
 * State lives in `state/<stack>.tfstate` at the project root, outside the output folder:
 * synthesis (ours, and `cdktn synth`, which prunes stack folders missing from its manifest)
 * owns the output folder, and a lost state file orphans every resource it tracked.
 */
import { copyFileSync, constants, existsSync, linkSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { OperationFailed } from '../errors/problems';

/** Folder of local state files, relative to the project root. */
export const STATE_DIR = 'state';

/** Absolute path of a stack's local state file. */
export function stateFile(projectRoot: string, stack: string): string {
  return join(projectRoot, STATE_DIR, `${stack}.tfstate`);
}

/**
 * The local backend's `path`: Terraform resolves it against the stack's working directory
 * (`<outdir>/stacks/<stack>`), so it is written relative to that folder.
 */
export function localBackendPath(projectRoot: string, workingDirectory: string, stack: string) {
  return relative(workingDirectory, stateFile(projectRoot, stack)).split(sep).join('/');
}

/** The state files the project wrote before state moved out of the output folder. */
function legacyStateFiles(workingDirectory: string, stack: string): string[] {
  const base = join(workingDirectory, `terraform.${stack}.tfstate`);
  return [base, `${base}.backup`];
}

/** A state file that must move, and where to. */
export interface StateMove {
  readonly from: string;
  readonly to: string;
}

/** Thrown when a state file cannot move without overwriting another. Nothing was moved. */
export class StateConflictError extends OperationFailed {
  constructor(readonly conflicts: readonly StateMove[]) {
    super(StateConflictError.render(conflicts));
    this.name = 'StateConflictError';
  }

  static render(conflicts: readonly StateMove[]): string {
    const lines = conflicts.map(
      ({ from, to }) =>
        `  ${to} and ${from} both exist. Compare them (\`terraform show <file>\`; the higher "serial" is newer), keep the one that tracks your resources as ${to}, and move the other out of the output folder.`,
    );
    return [
      'Local Terraform state exists in two places; neither was touched:',
      ...lines,
      'Nothing was synthesized.',
    ].join('\n');
  }
}

/**
 * The moves that bring a stack's state (and its `.backup`) from its old place in the working
 * directory to `state/`. Moves nothing; a move whose target exists is a conflict.
 */
export function planStateMigration(
  projectRoot: string,
  workingDirectory: string,
  stack: string,
): StateMove[] {
  const target = stateFile(projectRoot, stack);
  return legacyStateFiles(workingDirectory, stack)
    .map((from, i) => ({ from, to: i === 0 ? target : `${target}.backup` }))
    .filter(({ from }) => existsSync(from));
}

/** Throws a `StateConflictError` naming every move whose target already exists. */
export function assertNoStateConflict(moves: readonly StateMove[]): void {
  const conflicts = moves.filter(({ to }) => existsSync(to));
  if (conflicts.length > 0) throw new StateConflictError(conflicts);
}

/**
 * Moves each file without ever replacing one: a hard link fails when the target exists
 * (`EEXIST`), so a file that appeared since planning is not overwritten. Across file systems
 * (`EXDEV`) it copies with `COPYFILE_EXCL`, which refuses an existing target the same way.
 */
export function moveStateFiles(moves: readonly StateMove[]): void {
  for (const { from, to } of moves) {
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    }
    unlinkSync(from);
  }
}
