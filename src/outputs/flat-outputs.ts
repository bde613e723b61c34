/**
 * Turns `terraform output -json` into the flat object integration tests read from
 * `cfn-outputs/flat-outputs.json` (output name -> value). Lists stay lists; sensitive outputs
 * are left out, since the file is written to disk and often uploaded as a CI artifact.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputProblem } from '../errors/problems';
import { writeFileAtomic } from '../files/write-atomic';

export interface TerraformOutputValue {
  readonly value: unknown;
  readonly sensitive?: boolean;
  readonly type?: unknown;
}

export function flattenOutputs(
  outputs: Readonly<Record<string, TerraformOutputValue>>,
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(outputs)) {
    if (output === null || typeof output !== 'object' || !('value' in output)) {
      throw new InputProblem(
        `output "${name}" is not in "terraform output -json" form (no "value"). Example: {"${name}": {"value": "...", "sensitive": false}}`,
      );
    }
    if (output.sensitive) continue;
    flat[name] = output.value;
  }
  return flat;
}

/**
 * The key of a flat outputs file that names the stack the outputs belong to (`npm run verify`
 * refuses a file that names another stack, or none). No Terraform output can be called this
 * (output names start with a letter or an underscore), so it never hides one.
 */
export const OUTPUTS_STACK_KEY = '@stack';

/** The flat outputs with the stack they belong to, under OUTPUTS_STACK_KEY, first. */
export function withStackIdentity(
  flat: Readonly<Record<string, unknown>>,
  stack: string,
): Record<string, unknown> {
  return { [OUTPUTS_STACK_KEY]: stack, ...flat };
}

export interface WriteFlatOutputsOptions {
  /** The stack the outputs belong to, recorded in the file (`verify` requires it). */
  readonly stack?: string;
  /** `terraform output -json` text's file; `undefined`: standard input. */
  readonly source: string | undefined;
  /** Where the flat outputs go. */
  readonly target: string;
}

/** Reads `terraform output -json`, writes the flat outputs whole or not at all; returns their count. */
export function writeFlatOutputs(options: WriteFlatOutputsOptions, cwd: string): number {
  const from = options.source ?? 'standard input';
  let text: string;
  try {
    text = readFileSync(options.source === undefined ? 0 : resolve(cwd, options.source), 'utf8');
  } catch (error) {
    throw new InputProblem(`${from}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputProblem(
      `${from}: not JSON (${(error as Error).message}). Example: terraform output -json | npm run --silent outputs`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InputProblem(
      `${from}: not a JSON object of outputs, as terraform output -json prints`,
    );
  const flat = flattenOutputs(parsed as Record<string, TerraformOutputValue>);
  const written = options.stack ? withStackIdentity(flat, options.stack) : flat;
  writeFileAtomic(resolve(cwd, options.target), `${JSON.stringify(written, null, 2)}\n`);
  return Object.keys(flat).length;
}
