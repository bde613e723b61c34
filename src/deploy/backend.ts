/**
 * `terraform init` in a stack's working directory, refusing to move silently onto another
 * backend: when `.terraform/terraform.tfstate` records a different backend than the
 * synthesized JSON declares, init stops with both named, unless `--migrate-state` was given
 * (which copies the state across, as `terraform init -migrate-state` does). `-reconfigure`,
 * which would forget the old state, is never passed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackGraph } from '../tfjson/graph';
import { isObject } from '../tfjson/graph';
import { DeployError } from './errors';
import type { SynthesizedStack } from './stacks';
import type { TerraformBinary } from './terraform';
import { mustRun } from './terraform';

/** Settings that say where the state is; a change in any of them is a different backend. */
const IDENTITY_KEYS = ['bucket', 'key', 'region', 'path', 'workspace_key_prefix'];

export interface BackendDescription {
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export function declaredBackend(graph: StackGraph): BackendDescription {
  const backend = graph.terraform['backend'];
  if (!isObject(backend)) return { type: 'local', settings: {} };
  const [type, settings] = Object.entries(backend)[0] ?? ['local', {}];
  return { type, settings: isObject(settings) ? pick(settings) : {} };
}

export function initializedBackend(workingDirectory: string): BackendDescription | undefined {
  const path = join(workingDirectory, '.terraform', 'terraform.tfstate');
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {
      backend?: { type?: string; config?: Record<string, unknown> };
    };
    if (!parsed.backend?.type) return undefined;
    return { type: parsed.backend.type, settings: pick(parsed.backend.config ?? {}) };
  } catch {
    return undefined;
  }
}

function pick(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    IDENTITY_KEYS.filter((k) => settings[k] !== undefined && settings[k] !== null).map((k) => [
      k,
      settings[k],
    ]),
  );
}

export function describeBackend(b: BackendDescription): string {
  const parts = Object.entries(b.settings).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? `${b.type} (${parts.join(', ')})` : b.type;
}

export function sameBackend(a: BackendDescription, b: BackendDescription): boolean {
  if (a.type !== b.type) return false;
  const keys = new Set([...Object.keys(a.settings), ...Object.keys(b.settings)]);
  return [...keys].every((k) => String(a.settings[k]) === String(b.settings[k]));
}

export async function initStack(
  binary: TerraformBinary,
  stack: SynthesizedStack,
  graph: StackGraph,
  migrateState: boolean,
): Promise<void> {
  const declared = declaredBackend(graph);
  const current = initializedBackend(stack.workingDirectory);
  const args = ['init', '-input=false'];
  if (current && !sameBackend(current, declared)) {
    if (!migrateState) {
      throw new DeployError(
        `${stack.name}: the working directory uses backend ${describeBackend(current)}, but the synthesized stack declares ${describeBackend(declared)}. ` +
          'Nothing was changed. To copy the state to the new backend, run again with --migrate-state; to go back, restore the previous TERRAFORM_STATE_BUCKET settings.',
      );
    }
    args.push('-migrate-state', '-force-copy');
  }
  await mustRun(binary, args, { cwd: stack.workingDirectory }, `${stack.name}: terraform init`);
}
