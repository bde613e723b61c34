/**
 * The synthesized stacks the review tools read: the gate's loader (the manifest's stacks,
 * graphed by the gate's parser), so the review tools see exactly what the gate checks.
 */
import type { StackGraph } from '../tfjson/graph';
import { loadStacks } from '../tfjson/load';

/** The stacks under `dir` (only `names`, when given). Throws `InputError` on bad input. */
export function readStacks(
  dir: string,
  cwd: string = process.cwd(),
  names?: readonly string[],
): StackGraph[] {
  return loadStacks(dir, cwd, names).map((s) => s.graph);
}
