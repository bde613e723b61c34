/**
 * Reads synthesized stacks from a folder laid out like `cdktf.out`
 * (`stacks/<name>/cdk.tf.json`), or a folder of `*.tf.json` files. Every problem becomes a
 * one-line `InputError`; nothing here prints a stack trace.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StackGraph } from './graph';
import { buildGraph, InputError } from './graph';

export interface LoadedStack {
  readonly graph: StackGraph;
  /** Raw text, for locating resources (SARIF line numbers). */
  readonly text: string;
}

/** The `cdk.tf.json` files under `dir`, in a stable order. */
export function stackFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `${dir}: no such folder (run \`npm run synth\`, or pass --synth or --dir <folder>)`,
    );
  }
  const stacksDir = join(dir, 'stacks');
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const files = readdirSync(stacksDir)
      .sort()
      .map((name) => join(stacksDir, name, 'cdk.tf.json'))
      .filter((f) => existsSync(f));
    if (files.length === 0)
      throw new InputError(
        `${stacksDir}: no stacks/<name>/cdk.tf.json found (empty output; run \`npm run synth\`)`,
      );
    return files;
  }
  const direct = readdirSync(dir)
    .filter((f) => f.endsWith('.tf.json'))
    .sort()
    .map((f) => join(dir, f));
  if (direct.length === 0) {
    throw new InputError(
      `${dir}: no stacks/<name>/cdk.tf.json and no *.tf.json files (empty output; run \`npm run synth\`)`,
    );
  }
  return direct;
}

/** Loads and graphs every stack under `dir`. */
export function loadStacks(dir: string, cwd: string = process.cwd()): LoadedStack[] {
  return stackFiles(dir).map((file) => {
    const shown = relative(cwd, file) || file;
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') throw new InputError(`${shown}: file is empty`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${shown}: malformed JSON (${(error as Error).message})`);
    }
    const folder = file.endsWith('cdk.tf.json') ? file.split(/[\\/]/).slice(-2, -1)[0] : undefined;
    return { graph: buildGraph(json, shown, folder), text };
  });
}

/** 1-based line of a resource's declaration in the stack's text (1 when not found). */
export function lineOf(text: string, address: string): number {
  const parts = address.split('.');
  const name = parts[parts.length - 1];
  const type = parts[parts.length - 2];
  if (!name) return 1;
  let from = 0;
  if (type) {
    const t = text.indexOf(`"${type}": {`);
    if (t >= 0) from = t;
  }
  const at = text.indexOf(`"${name}": {`, from);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
