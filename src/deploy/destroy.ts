/**
 * `npm run destroy`: an environment goes, what its profile retains stays in AWS, and the
 * operation cannot half-finish before its one apply:
 * 1. every stack's refusals are checked before anything runs (`--all` refuses whole);
 * 2. the state is pulled, checked to be a Terraform state, saved to `state/backups/` (0600,
 *    never overwritten) and read back: the backup must hold the lineage and serial pulled;
 * 3. one saved plan, made in the destroy configuration (`destroy-config.ts`), forgets the
 *    retained resources and destroys the rest; it is shown, validated and checked (it forgets
 *    every retained resource in the state, destroys nothing retained, creates nothing);
 * 4. only then is it applied. Until this step nothing in the state or in AWS has changed, and
 *    every failure says so, with where the backup is.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { initStack } from './backend';
import { OUTPUTS_DIR } from './outputs-file';
import type { StackStep } from './step';
import { privatizeStack } from './step';
import {
  DESTROY_CONFIG,
  DESTROY_DIR,
  DESTROY_PLAN_FILE,
  destroyConfigProblem,
  destroyConfiguration,
} from './destroy-config';
import { DeployError } from './errors';
import { showValidatedPlan } from './plan-json';
import type { PlanSummary } from './plan-summary';
import { renderSummary, summarizePlan } from './plan-summary';
import { ensurePrivateDir, writePrivateFile } from './private-files';
import type { RetainedResource } from './retained';
import { protectedResources, retainedResources } from './retained';
import { inputChanges, LOCK_FILE, terraformInputs } from './saved-plan';
import { contentHash } from './stacks';
import { mustRun, TerraformInterrupted, withMore } from './terraform';

export const BACKUP_DIR = join('state', 'backups');

/** Why this stack's destroy would be refused; empty when it may go ahead. */
export function destroyRefusals({ stack, graph, options }: StackStep): string[] {
  const refusals: string[] = [];
  const prod = graph.profile === 'prod';
  if (prod && options.confirmDestroy !== stack.name) {
    refusals.push(
      `${stack.name} is a prod stack: destroy needs --confirm-destroy ${stack.name}${options.confirmDestroy ? ` (got "${options.confirmDestroy}")` : ''}`,
    );
  }
  if (!prod && !options.yes && options.confirmDestroy !== stack.name) {
    refusals.push(
      `${stack.name}: destroy deletes the environment; run again with --yes (or --confirm-destroy ${stack.name})`,
    );
  }
  const blocking = protectedResources(graph).filter(
    (p) => !(options.protectionOff && p.address.startsWith('aws_lb.')),
  );
  if (blocking.length > 0) {
    refusals.push(
      [
        `${stack.name}: deletion protection is on, so AWS would refuse part of the destroy. First:`,
        ...blocking.map((p) => `  ${p.address}: ${p.howToUnprotect}`),
        'For the load balancer, then pass --protection-off.',
      ].join('\n'),
    );
  }
  const problem = destroyConfigProblem(readJson(stack.file));
  if (problem) refusals.push(`${stack.name}: ${problem}`);
  return refusals;
}

/** Throws one DeployError listing every refusal of every stack, before anything runs. */
export function checkDestroyAll(steps: readonly StackStep[]): void {
  const refusals = steps.flatMap(destroyRefusals);
  if (refusals.length === 0) return;
  const names = steps.map((s) => s.stack.name).join(', ');
  throw new DeployError(
    `${refusals.join('\n')}\nNothing was changed${steps.length > 1 ? ` in any of ${names}` : ''}.`,
  );
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** A state backup that was read back and found to be what was pulled. */
export interface StateBackup {
  /** Relative to the project root. */
  readonly path: string;
  readonly lineage: string;
  readonly serial: number;
}

interface StateIdentity {
  readonly lineage: string;
  readonly serial: number;
}

/** The lineage and serial of a Terraform state document, or why it is not one. */
export function stateIdentity(text: string): StateIdentity | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'not a JSON object';
  }
  const state = parsed as Record<string, unknown>;
  if (typeof state['version'] !== 'number') return 'no "version" number';
  if (typeof state['lineage'] !== 'string' || state['lineage'] === '') return 'no "lineage"';
  const serial = state['serial'];
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0) return 'no "serial"';
  if (!Array.isArray(state['resources'])) return 'no "resources" list';
  return { lineage: state['lineage'], serial };
}

/** Where a destroy stands, for the message of a failure. */
interface Progress {
  backup: StateBackup | undefined;
  applying: boolean;
}

export async function destroyStack(step: StackStep): Promise<void> {
  const progress: Progress = { backup: undefined, applying: false };
  try {
    await destroyStackSteps(step, progress);
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    throw withMore(error, afterFailure(step, progress, error));
  }
}

/** What changed, what did not, and where the backup is. */
function afterFailure(step: StackStep, progress: Progress, error: DeployError): string {
  const { stack, binary } = step;
  const backup = progress.backup
    ? `The state before the destroy is in ${progress.backup.path} (lineage ${progress.backup.lineage}, serial ${progress.backup.serial}); restore it with \`${binary.command} state push\` only if the state was lost.`
    : 'No state backup was written (the failure came before it, or the state was empty).';
  if (!progress.applying) {
    return [
      `${stack.name}: nothing was changed: no resource was destroyed or taken out of the state, and the destroy plan was not applied.`,
      backup,
    ].join('\n');
  }
  const interruptedApply = error instanceof TerraformInterrupted;
  return [
    `${stack.name}: the destroy stopped part-way${interruptedApply ? '' : ' (the apply failed)'}: some resources may be destroyed and some retained ones already forgotten (left in AWS, out of the state); Terraform saved the state it reached. What is still managed: \`${binary.command} state list\` in ${relative(step.io.projectRoot, stack.workingDirectory)}.`,
    'Run the destroy again to finish it: it plans from the state as it is now.',
    backup,
  ].join('\n');
}

async function destroyStackSteps(step: StackStep, progress: Progress): Promise<void> {
  const { binary, stack, graph, io } = step;
  const retained = retainedResources(graph);
  const cwd = stack.workingDirectory;
  privatizeStack(stack, io.projectRoot);
  await initStack(binary, stack, graph, false);
  progress.backup = await backupState(step);

  // The destroy configuration, in its own folder, with the stack's provider lock.
  const destroyDir = join(cwd, DESTROY_DIR);
  rmSync(destroyDir, { recursive: true, force: true });
  ensurePrivateDir(destroyDir);
  writePrivateFile(
    join(destroyDir, DESTROY_CONFIG),
    `${JSON.stringify(destroyConfiguration(readJson(stack.file), retained, cwd, destroyDir, overrideFiles(cwd)), null, 2)}\n`,
  );
  if (existsSync(join(cwd, LOCK_FILE)))
    copyFileSync(join(cwd, LOCK_FILE), join(destroyDir, LOCK_FILE));
  const providers = join(cwd, '.terraform', 'providers');
  // The providers the stack's own init installed: no second download, the same binaries.
  const init = [
    'init',
    '-input=false',
    ...(existsSync(providers) ? [`-plugin-dir=${providers}`] : []),
  ];
  await mustRun(
    binary,
    init,
    { cwd: destroyDir },
    `${stack.name}: terraform init (destroy configuration)`,
  );
  const inputs = terraformInputs(destroyDir);
  await mustRun(
    binary,
    ['plan', '-input=false', `-out=${DESTROY_PLAN_FILE}`],
    { cwd: destroyDir },
    `${stack.name}: terraform plan (destroy)`,
  );
  const planSha256 = contentHash(join(destroyDir, DESTROY_PLAN_FILE));
  const shown = await showValidatedPlan(
    binary,
    destroyDir,
    DESTROY_PLAN_FILE,
    `${stack.name} (destroy)`,
  );
  const summary = summarizePlan(shown.plan);
  checkDestroyPlan(stack.name, summary, retained);
  io.stdout(renderSummary(`${stack.name} (destroy)`, summary));

  const changed = inputChanges(inputs, terraformInputs(destroyDir));
  if (changed.length > 0 || contentHash(join(destroyDir, DESTROY_PLAN_FILE)) !== planSha256) {
    throw new DeployError(
      `${stack.name}: the destroy configuration or its saved plan changed after planning (${changed.join(', ') || DESTROY_PLAN_FILE}); the plan was not applied`,
    );
  }
  progress.applying = true;
  await mustRun(
    binary,
    ['apply', '-input=false', DESTROY_PLAN_FILE],
    { cwd: destroyDir },
    `${stack.name}: terraform apply (destroy)`,
  );
  rmSync(destroyDir, { recursive: true, force: true });
  rmSync(join(io.projectRoot, OUTPUTS_DIR, stack.name), { recursive: true, force: true });
  io.stdout(`${report(step, retained, summary, progress.backup)}\n`);
}

/**
 * The destroy plan does what a destroy may: it forgets every retained resource that is in the
 * state, destroys none of them, and creates, updates or replaces nothing.
 */
export function checkDestroyPlan(
  stack: string,
  summary: PlanSummary,
  retained: readonly RetainedResource[],
): void {
  const isRetained = (address: string) =>
    retained.some((r) => address === r.address || address.startsWith(`${r.address}[`));
  const problems = summary.changes.flatMap((c) => {
    if (c.kind === 'destroy' && isRetained(c.address)) {
      return [`it would destroy ${c.address}, which the profile retains`];
    }
    if (c.kind === 'forget' && !isRetained(c.address)) {
      return [`it would forget ${c.address}, which the profile does not retain`];
    }
    if (c.kind === 'create' || c.kind === 'update' || c.kind === 'replace') {
      return [`it would ${c.kind} ${c.address}`];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new DeployError(
      [
        `${stack}: the destroy plan is not a destroy; it was not applied:`,
        ...problems.map((p) => `  ${p}`),
      ].join('\n'),
    );
  }
}

function report(
  { stack, binary }: StackStep,
  retained: readonly RetainedResource[],
  summary: PlanSummary,
  backup: StateBackup | undefined,
): string {
  const forgotten = new Set(
    summary.changes.filter((c) => c.kind === 'forget').map((c) => c.address),
  );
  const lines = [`Destroyed ${stack.name}.`];
  if (retained.length > 0) {
    lines.push('Left in AWS, no longer managed by Terraform (delete or import them deliberately):');
    for (const r of retained) {
      const was = [...forgotten].some((a) => a === r.address || a.startsWith(`${r.address}[`));
      lines.push(`  ${r.address}: ${r.reason}${was ? '' : ' (was not in the state)'}`);
    }
  } else {
    lines.push('Nothing survives: the profile retains no resource.');
  }
  if (backup) {
    lines.push(
      `State before the destroy: ${backup.path} (restore with \`${binary.command} state push\`)`,
    );
  }
  return lines.join('\n');
}

/**
 * Pulls the state and saves it to state/backups/ (0600, never overwriting), then reads the file
 * back: it must be a Terraform state with the lineage and serial pulled. Undefined when there
 * is no state yet (nothing to back up, nothing to destroy).
 */
async function backupState({ binary, stack, io }: StackStep): Promise<StateBackup | undefined> {
  const pulled = await mustRun(
    binary,
    ['state', 'pull'],
    { cwd: stack.workingDirectory, capture: true },
    `${stack.name}: terraform state pull`,
  );
  if (pulled.stdout.trim() === '') return undefined;
  const identity = stateIdentity(pulled.stdout);
  if (typeof identity === 'string') {
    throw new DeployError(
      `${stack.name}: \`${binary.command} state pull\` printed something that is not a Terraform state (${identity}), so there is nothing trustworthy to back up; no backup was written`,
    );
  }
  const stamp = (io.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const path = join(io.projectRoot, BACKUP_DIR, `${stack.name}-${stamp}.tfstate`);
  try {
    writePrivateFile(path, pulled.stdout, { exclusive: true });
  } catch (error) {
    throw new DeployError(
      `${stack.name}: cannot write the state backup: ${(error as Error).message}`,
    );
  }
  const shown = relative(io.projectRoot, path);
  const back = stateIdentity(readFileSync(path, 'utf8'));
  if (
    typeof back === 'string' ||
    back.lineage !== identity.lineage ||
    back.serial !== identity.serial
  ) {
    throw new DeployError(
      `${stack.name}: the state backup ${shown} does not read back as the state pulled (lineage ${identity.lineage}, serial ${identity.serial}); not relying on it`,
    );
  }
  io.stdout(
    `State backed up to ${shown} (lineage ${identity.lineage}, serial ${identity.serial})\n`,
  );
  return { path: shown, ...identity };
}

/** The override files Terraform reads beside the stack (declared overlays), in its order. */
function overrideFiles(dir: string): Record<string, unknown>[] {
  return readdirSync(dir)
    .filter((name) => /^(override|.+_override)\.tf\.json$/.test(name))
    .sort()
    .map((name) => readJson(join(dir, name)));
}
