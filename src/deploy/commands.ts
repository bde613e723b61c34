/**
 * `npm run plan`, `npm run deploy` and `npm run destroy`: the one path from a synthesis to a
 * running environment and back, with the gate before every plan, a saved plan tied to its
 * synthesis, and prod's protections.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StackGraph } from '../tfjson/graph';
import { flattenOutputs } from '../outputs/flat-outputs';
import type { TerraformOutputValue } from '../outputs/flat-outputs';
import type { CommandOptions } from './args';
import { initStack } from './backend';
import { DeployError } from './errors';
import type { PlanSummary } from './plan-summary';
import { renderSummary, summarizePlan } from './plan-summary';
import { protectedResources, retainedResources } from './retained';
import {
  checkedPlanRecord,
  envOf,
  PLAN_FILE,
  PLAN_JSON,
  PLAN_RECORD,
  writePlanRecord,
} from './saved-plan';
import type { SynthesizedStack } from './stacks';
import { contentHash, stackGraph } from './stacks';
import type { Environment } from './synth';
import type { ResolvedEnvironment } from '../config/environments';
import { resolveEnvironments } from '../config/environments';
import type { TerraformBinary } from './terraform';
import { findTerraform, mustRun } from './terraform';

export interface DeployIo {
  readonly projectRoot: string;
  readonly env: Environment;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Synthesizes these environments and runs the gate; throws when either fails. */
  readonly synthesize: (environments: readonly ResolvedEnvironment[]) => SynthesizedStack[];
  /** Clock, for file names and records (tests pin it). */
  readonly now?: () => Date;
}

export const OUTPUTS_DIR = 'cfn-outputs';
export const FLAT_OUTPUTS = 'flat-outputs.json';
export const OUTPUTS_RECORD = 'flat-outputs.meta.json';
export const DESTROY_PLAN_FILE = 'destroy.tfplan';

/** What `deploy` records next to the outputs file, so `verify` can tell a stale one. */
export interface OutputsRecord {
  readonly stack: string;
  readonly profile: string | undefined;
  readonly synthSha256: string;
  readonly writtenAt: string;
}

/**
 * The environments the options name, through the one resolver (`src/config/environments.ts`):
 * `--env` (repeatable), `--all` (every file in config/), else the one the variables name.
 * Prints the variables that applied or were ignored.
 */
export function environmentsOf(options: CommandOptions, io: DeployIo): ResolvedEnvironment[] {
  // An unknown name or an invalid file is an InputProblem (exit 2).
  const resolution = resolveEnvironments({
    projectRoot: io.projectRoot,
    env: io.env,
    names: options.environments,
    all: options.all,
    ...(options.ephemeral !== undefined ? { ephemeral: options.ephemeral } : {}),
  });
  for (const line of [...resolution.overrides, ...resolution.ignored]) io.stderr(`${line}\n`);
  return [...resolution.environments];
}

export function runCommand(options: CommandOptions, io: DeployIo): void {
  runStacks(options, io, () => io.synthesize(environmentsOf(options, io)));
}

/** Runs the command over the stacks `synthesize` produces (after finding the binary). */
export function runStacks(
  options: CommandOptions,
  io: DeployIo,
  synthesize: () => SynthesizedStack[],
): void {
  const binary = findTerraform(io.env);
  io.stdout(`Using ${binary.command} ${binary.version}\n`);
  const stacks = synthesize();
  for (const stack of stacks) {
    const step: StackStep = { binary, stack, graph: stackGraph(stack), options, io };
    if (options.command === 'plan') planStack(step);
    else if (options.command === 'deploy') deployStack(step, stacks.length === 1);
    else destroyStack(step);
  }
}

/** What each command needs for one stack: the binary, the stack and its graph, flags and io. */
interface StackStep {
  readonly binary: TerraformBinary;
  readonly stack: SynthesizedStack;
  readonly graph: StackGraph;
  readonly options: CommandOptions;
  readonly io: DeployIo;
}

function planStack({ binary, stack, graph, options, io }: StackStep): void {
  initStack(binary, stack, graph, options.migrateState);
  // A failed plan must not leave an older record that still matches an older plan file.
  rmSync(join(stack.workingDirectory, PLAN_RECORD), { force: true });
  const synthSha256 = contentHash(stack.file);
  const cwd = stack.workingDirectory;
  mustRun(
    binary,
    ['plan', '-input=false', `-out=${PLAN_FILE}`],
    { cwd },
    `${stack.name}: terraform plan`,
  );
  const planJson = showPlan(binary, stack, PLAN_FILE);
  const summary = summarizePlan(planJson);
  writePlanRecord(stack, {
    stack: stack.name,
    synthSha256,
    planSha256: contentHash(join(cwd, PLAN_FILE)),
    binary: binary.command,
    version: binary.version,
    createdAt: (io.now?.() ?? new Date()).toISOString(),
    summary,
  });
  io.stdout(renderSummary(stack.name, summary));
  if (options.json) {
    const path = join(cwd, PLAN_JSON);
    writeFileSync(path, `${JSON.stringify(planJson, null, 2)}\n`);
    io.stdout(`  Plan JSON: ${relative(io.projectRoot, path)}\n`);
  }
  io.stdout(
    `  Saved plan: ${relative(io.projectRoot, join(cwd, PLAN_FILE))}; apply it with \`npm run deploy -- --env ${envOf(stack.name)}\`\n`,
  );
}

function showPlan(binary: TerraformBinary, stack: SynthesizedStack, planFile: string): unknown {
  const shown = mustRun(
    binary,
    ['show', '-json', planFile],
    { cwd: stack.workingDirectory, capture: true },
    `${stack.name}: terraform show`,
  );
  try {
    return JSON.parse(shown.stdout);
  } catch (error) {
    throw new DeployError(
      `${stack.name}: \`${binary.command} show -json ${planFile}\` printed no JSON (${(error as Error).message})`,
    );
  }
}

/** Prod: every stateful replacement or destruction needs its own --allow-replace. */
export function checkProdReplacements(
  stack: string,
  graph: StackGraph,
  summary: PlanSummary,
  allowed: readonly string[],
): void {
  const risky = summary.statefulChanges.map((c) => c.address);
  const unknown = allowed.filter((a) => !risky.includes(a));
  if (unknown.length > 0) {
    throw new DeployError(
      `${stack}: --allow-replace ${unknown.join(', ')} names no stateful replacement or destruction in this plan (it has: ${risky.join(', ') || 'none'}); nothing was applied`,
    );
  }
  if (graph.profile !== 'prod') return;
  const missing = summary.statefulChanges.filter((c) => !allowed.includes(c.address));
  if (missing.length === 0) return;
  throw new DeployError(
    [
      `${stack}: this prod plan replaces or destroys ${missing.length} stateful resource(s); nothing was applied:`,
      ...missing.map((c) => `  ${c.kind.toUpperCase()} ${c.address} (${c.what})`),
      `If that is intended (and the data is backed up), run again with ${missing.map((c) => `--allow-replace ${c.address}`).join(' ')}`,
    ].join('\n'),
  );
}

function deployStack({ binary, stack, graph, options, io }: StackStep, single: boolean): void {
  const record = checkedPlanRecord(stack);
  const summary = summarizePlan(showPlan(binary, stack, PLAN_FILE));
  checkProdReplacements(stack.name, graph, summary, options.allowReplace);
  io.stdout(renderSummary(stack.name, summary));
  const cwd = stack.workingDirectory;
  mustRun(binary, ['apply', '-input=false', PLAN_FILE], { cwd }, `${stack.name}: terraform apply`);
  // A saved plan applies once; Terraform would refuse it now anyway.
  rmSync(join(cwd, PLAN_FILE), { force: true });
  rmSync(join(cwd, PLAN_RECORD), { force: true });
  const written = writeOutputs(binary, stack, graph, record.synthSha256, io, single);
  io.stdout(`Deployed ${stack.name}; outputs in ${written.join(' and ')}\n`);
}

function writeOutputs(
  binary: TerraformBinary,
  stack: SynthesizedStack,
  graph: StackGraph,
  synthSha256: string,
  io: DeployIo,
  single: boolean,
): string[] {
  const shown = mustRun(
    binary,
    ['output', '-json'],
    { cwd: stack.workingDirectory, capture: true },
    `${stack.name}: terraform output`,
  );
  let flat: Record<string, unknown>;
  try {
    flat = flattenOutputs(JSON.parse(shown.stdout) as Record<string, TerraformOutputValue>);
  } catch (error) {
    throw new DeployError(`${stack.name}: terraform output -json: ${(error as Error).message}`);
  }
  const record: OutputsRecord = {
    stack: stack.name,
    profile: graph.profile,
    synthSha256,
    writtenAt: (io.now?.() ?? new Date()).toISOString(),
  };
  const dirs = [join(io.projectRoot, OUTPUTS_DIR, stack.name)];
  if (single) dirs.push(join(io.projectRoot, OUTPUTS_DIR));
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeAtomically(join(dir, FLAT_OUTPUTS), flat);
    writeAtomically(join(dir, OUTPUTS_RECORD), record);
  }
  return dirs.map((d) => relative(io.projectRoot, join(d, FLAT_OUTPUTS)));
}

function writeAtomically(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

function destroyStack({ binary, stack, graph, options, io }: StackStep): void {
  const prod = graph.profile === 'prod';
  if (prod && options.confirmDestroy !== stack.name) {
    throw new DeployError(
      `${stack.name} is a prod stack: destroy needs --confirm-destroy ${stack.name}${options.confirmDestroy ? ` (got "${options.confirmDestroy}")` : ''}; nothing was changed`,
    );
  }
  if (!prod && !options.yes && options.confirmDestroy !== stack.name) {
    throw new DeployError(
      `${stack.name}: destroy deletes the environment; run again with --yes (or --confirm-destroy ${stack.name}); nothing was changed`,
    );
  }
  const blocking = protectedResources(graph).filter(
    (p) => !(options.protectionOff && p.address.startsWith('aws_lb.')),
  );
  if (blocking.length > 0) {
    throw new DeployError(
      [
        `${stack.name}: deletion protection is on, so AWS would refuse part of the destroy; nothing was changed. First:`,
        ...blocking.map((p) => `  ${p.address}: ${p.howToUnprotect}`),
        'For the load balancer, then pass --protection-off.',
      ].join('\n'),
    );
  }
  const retained = retainedResources(graph);
  const cwd = stack.workingDirectory;
  initStack(binary, stack, graph, false);
  const backup = backupState(binary, stack, io);
  const inState = mustRun(
    binary,
    ['state', 'list'],
    { cwd, capture: true },
    `${stack.name}: terraform state list`,
  )
    .stdout.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const toForget = inState.filter((address) =>
    retained.some((r) => address === r.address || address.startsWith(`${r.address}[`)),
  );
  if (toForget.length > 0) {
    io.stdout(
      `Taking ${toForget.length} retained resource(s) out of Terraform's management (they stay in AWS)\n`,
    );
    mustRun(binary, ['state', 'rm', ...toForget], { cwd }, `${stack.name}: terraform state rm`);
  }
  mustRun(
    binary,
    ['plan', '-destroy', '-input=false', `-out=${DESTROY_PLAN_FILE}`],
    { cwd },
    `${stack.name}: terraform plan -destroy`,
  );
  io.stdout(
    renderSummary(
      `${stack.name} (destroy)`,
      summarizePlan(showPlan(binary, stack, DESTROY_PLAN_FILE)),
    ),
  );
  mustRun(
    binary,
    ['apply', '-input=false', DESTROY_PLAN_FILE],
    { cwd },
    `${stack.name}: terraform apply (destroy)`,
  );
  rmSync(join(cwd, DESTROY_PLAN_FILE), { force: true });
  for (const dir of [join(io.projectRoot, OUTPUTS_DIR, stack.name)])
    rmSync(dir, { recursive: true, force: true });
  const lines = [`Destroyed ${stack.name}.`];
  if (retained.length > 0) {
    lines.push('Left in AWS, no longer managed by Terraform (delete or import them deliberately):');
    for (const r of retained) {
      lines.push(
        `  ${r.address}: ${r.reason}${toForget.some((a) => a === r.address || a.startsWith(`${r.address}[`)) ? '' : ' (was not in the state)'}`,
      );
    }
  } else {
    lines.push('Nothing survives: the profile retains no resource.');
  }
  if (backup)
    lines.push(
      `State before the destroy: ${backup} (restore with \`${binary.command} state push\`)`,
    );
  io.stdout(`${lines.join('\n')}\n`);
}

/** Copies the stack's state to state/backups/ before anything is taken out of it. */
function backupState(
  binary: TerraformBinary,
  stack: SynthesizedStack,
  io: DeployIo,
): string | undefined {
  const pulled = mustRun(
    binary,
    ['state', 'pull'],
    { cwd: stack.workingDirectory, capture: true },
    `${stack.name}: terraform state pull`,
  );
  if (pulled.stdout.trim() === '') return undefined;
  const stamp = (io.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const dir = join(io.projectRoot, 'state', 'backups');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${stack.name}-${stamp}.tfstate`);
  if (existsSync(path))
    throw new DeployError(`${path} exists already; not overwriting a state backup`);
  writeFileSync(path, pulled.stdout);
  return relative(io.projectRoot, path);
}
