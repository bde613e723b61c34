/**
 * Reads the synthesized stacks of an output folder for the review tools. Stacks are found
 * through `manifest.json` (`stacks.<name>.synthesizedStackPath`) when the folder has one,
 * otherwise by the gate's own layout rules; either way each stack is graphed by the gate's
 * parser (`buildGraph`), so the review tools see exactly what the gate checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StackGraph } from '../compliance/graph';
import { buildGraph, InputError, isObject } from '../compliance/graph';
import { loadStacks } from '../compliance/load';

/** The stacks under `dir`, in manifest (or folder) order. Throws `InputError` on bad input. */
export function readStacks(dir: string, cwd: string = process.cwd()): StackGraph[] {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return loadStacks(dir, cwd).map((s) => s.graph);
  const shownManifest = relative(cwd, manifestPath) || manifestPath;
  const manifest = parseJson(readFileSync(manifestPath, 'utf8'), shownManifest);
  const stacks = isObject(manifest) ? manifest['stacks'] : undefined;
  if (!isObject(stacks) || Object.keys(stacks).length === 0) {
    throw new InputError(`${shownManifest}: no "stacks" entries (run \`npm run synth\`)`);
  }
  return Object.entries(stacks)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => {
      const path = isObject(entry) ? entry['synthesizedStackPath'] : undefined;
      if (typeof path !== 'string') {
        throw new InputError(
          `${shownManifest}: stacks.${name}.synthesizedStackPath is missing (expected a path such as "stacks/${name}/cdk.tf.json")`,
        );
      }
      const file = join(dir, path);
      const shown = relative(cwd, file) || file;
      if (!existsSync(file)) {
        throw new InputError(
          `${shown}: listed in ${shownManifest} but missing (run \`npm run synth\`)`,
        );
      }
      return buildGraph(parseJson(readFileSync(file, 'utf8'), shown), shown, name);
    });
}

function parseJson(text: string, shown: string): unknown {
  if (text.trim() === '') throw new InputError(`${shown}: file is empty`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${shown}: malformed JSON (${(error as Error).message})`);
  }
}
