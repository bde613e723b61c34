/**
 * Reads synthesized stacks: the stacks a synthesized output's `manifest.json` lists (cdktn's
 * output contract), or, in a folder without one, `stacks/<name>/cdk.tf.json` or `*.tf.json`
 * files. Every problem becomes a one-line `InputError`; nothing here prints a stack trace.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultOutdir } from './outdir';
import type { StackGraph } from './graph';
import { buildGraph, InputError } from './graph';

export interface LoadedStack {
  readonly graph: StackGraph;
  /** Raw text, for locating resources (SARIF line numbers). */
  readonly text: string;
}

export const MANIFEST_FILE = 'manifest.json';

/** One stack of a synthesized `manifest.json`; paths are relative to the output folder. */
export interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
  /** The other fields cdktn writes (annotations, dependencies, ...), kept as they are. */
  readonly [field: string]: unknown;
}

export interface Manifest {
  readonly version: string;
  readonly stacks: Readonly<Record<string, ManifestStack>>;
}

/** The output folder's `manifest.json`, or `undefined` when it has none. */
export function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  const problem = (what: string) =>
    new InputError(
      `${file}: ${what}; it is not a cdktn manifest (synthesis rewrites it: delete it, then synthesize each environment again)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw problem(`malformed JSON (${(error as Error).message})`);
  }
  const stacks = (json as { stacks?: unknown } | null)?.stacks;
  if (typeof stacks !== 'object' || stacks === null || Array.isArray(stacks))
    throw problem('no "stacks" object');
  for (const [name, entry] of Object.entries(stacks)) {
    const e = entry as Partial<ManifestStack> | null;
    if (
      typeof e?.workingDirectory !== 'string' ||
      typeof e.synthesizedStackPath !== 'string' ||
      e.name !== name
    )
      throw problem(`stack "${name}" lacks name, workingDirectory or synthesizedStackPath`);
  }
  const version = (json as { version?: unknown }).version;
  return {
    version: typeof version === 'string' ? version : '',
    stacks: stacks as Record<string, ManifestStack>,
  };
}

/**
 * The synthesized files of the stacks `manifest.json` lists (only `names`, when given), in
 * name order; `undefined` when `dir` has no manifest.
 */
export function manifestStackFiles(dir: string, names?: readonly string[]): string[] | undefined {
  const manifest = readManifest(dir);
  if (!manifest) return undefined;
  const listed = Object.keys(manifest.stacks).sort();
  const wanted = names ? [...names].sort() : listed;
  const unknown = wanted.filter((n) => !manifest.stacks[n]);
  if (unknown.length > 0)
    throw new InputError(
      `${join(dir, MANIFEST_FILE)}: no stack ${unknown.join(', ')} (it lists ${listed.join(', ') || 'none'})`,
    );
  if (wanted.length === 0)
    throw new InputError(`${join(dir, MANIFEST_FILE)}: lists no stack (run \`npm run synth\`)`);
  return wanted.map((name) => {
    const file = join(dir, manifest.stacks[name]!.synthesizedStackPath);
    if (!existsSync(file))
      throw new InputError(
        `${file}: listed for stack ${name} in ${MANIFEST_FILE} but missing (run \`npm run synth\` for that environment)`,
      );
    return file;
  });
}

/**
 * The stack files under `dir`, in a stable order: from `manifest.json` when there is one,
 * else every `stacks/<name>/cdk.tf.json`, else every `*.tf.json`.
 */
export function stackFiles(dir: string, names?: readonly string[]): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `${dir}: no such folder (run \`npm run synth\`, or pass --synth or --dir <folder>)`,
    );
  }
  const listed = manifestStackFiles(dir, names);
  if (listed) return listed;
  if (names) throw new InputError(`${join(dir, MANIFEST_FILE)}: missing (run \`npm run synth\`)`);
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

/** Loads and graphs every stack under `dir` (only `names`, when given: see `stackFiles`). */
export function loadStacks(
  dir: string,
  cwd: string = process.cwd(),
  names?: readonly string[],
): LoadedStack[] {
  return stackFiles(dir, names).map((file) => {
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

/**
 * The graphs of the stacks in an output folder (`undefined`: the default one), only those
 * named in `only` when it names any; a name the folder lacks is an input error listing the
 * stacks it has.
 */
export function readStacks(
  dir: string | undefined,
  only: readonly string[],
  io: { readonly cwd: string; readonly env?: Readonly<Record<string, string | undefined>> },
): StackGraph[] {
  const folder = dir ?? defaultOutdir(io.cwd, io.env ?? {});
  const graphs = loadStacks(resolve(io.cwd, folder), io.cwd).map((s) => s.graph);
  const names = graphs.map((g) => g.name);
  const missing = only.filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw new InputError(
      `--stack ${missing.join(', ')}: no such stack in ${folder} (stacks: ${names.join(', ')})`,
    );
  return only.length > 0 ? graphs.filter((g) => only.includes(g.name)) : graphs;
}
