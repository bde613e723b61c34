import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StackGraph } from '../tfjson/graph';
import { buildGraph, InputError } from '../tfjson/graph';
import { MANIFEST_FILE, readManifest } from '../tfjson/load';
import { DeployError } from './errors';

/** One synthesized stack, located through `cdktf.out/manifest.json`. */
export interface SynthesizedStack {
  readonly name: string;
  /** Absolute path of the stack's working directory (where Terraform runs). */
  readonly workingDirectory: string;
  /** Absolute path of its `cdk.tf.json`. */
  readonly file: string;
}

/** Every stack the manifest lists, or the ones named (in that order). */
export function stacksFromManifest(outdir: string, names?: readonly string[]): SynthesizedStack[] {
  let manifest;
  try {
    manifest = readManifest(outdir);
  } catch (error) {
    if (error instanceof InputError) throw new DeployError(error.message);
    throw error;
  }
  if (!manifest) {
    throw new DeployError(
      `${join(outdir, MANIFEST_FILE)} does not exist: run \`npm run synth\` first`,
    );
  }
  const entries = manifest.stacks;
  const wanted = names ?? Object.keys(entries).sort();
  return wanted.map((name) => {
    const entry = entries[name];
    if (!entry) {
      throw new DeployError(
        `${join(outdir, MANIFEST_FILE)} lists no stack "${name}" (it has: ${Object.keys(entries).join(', ') || 'none'}); synthesize it first`,
      );
    }
    return {
      name,
      workingDirectory: resolve(outdir, entry.workingDirectory),
      file: resolve(outdir, entry.synthesizedStackPath),
    };
  });
}

/** SHA-256 of the synthesized JSON: what ties a saved plan and an outputs file to one synth. */
export function contentHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The stack as the compliance gate's graph (the one parser of synthesized JSON). */
export function stackGraph(stack: SynthesizedStack): StackGraph {
  try {
    return buildGraph(JSON.parse(readFileSync(stack.file, 'utf8')), stack.file, stack.name);
  } catch (error) {
    if (error instanceof InputError || error instanceof SyntaxError) {
      throw new DeployError(`${stack.file}: ${error.message}; run \`npm run synth\` again`);
    }
    throw error;
  }
}
