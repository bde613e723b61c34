/**
 * `npm run plan`, `npm run deploy` and `npm run destroy`: the one path from a synthesis to a
 * running environment and back, with the gate before every plan, a saved plan tied to what it
 * was made from, and prod's protections. Destroy lives in `destroy.ts`.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import type { StackGraph } from '../tfjson/graph';
import { flattenOutputs } from '../outputs/flat-outputs';
import type { TerraformOutputValue } from '../outputs/flat-outputs';
import type { CommandOptions } from './args';
import { initStack } from './backend';
import { checkDestroyAll, destroyStack } from './destroy';
import { UsageProblem } from '../errors/problems';
import { DeployError } from './errors';
import { showValidatedPlan } from './plan-json';
import type { PlanSummary } from './plan-summary';
import { renderSummary, sameSummary, summarizePlan } from './plan-summary';
import { writePrivateFile } from './private-files';
import type { OutputsRecord } from './outputs-file';
import { FLAT_OUTPUTS, OUTPUTS_DIR, OUTPUTS_RECORD, withStackIdentity } from './outputs-file';
import type { DeployIo, StackStep } from './step';
import { privatizeStack } from './step';
import {
  checkedPlanRecord,
  envOf,
  PLAN_FILE,
  PLAN_JSON,
  PLAN_RECORD,
  terraformInputs,
  writePlanRecord,
} from './saved-plan';
import type { SynthesizedStack } from './stacks';
import { contentHash, stackGraph } from './stacks';
import type { ResolvedEnvironment } from '../config/environments';
import { resolveEnvironments } from '../config/environments';
import type { TerraformBinary } from './terraform';
import { findTerraform, mustRun, stepLimits, withMore, withSignalsCaught } from './terraform';

export type { DeployIo, StackStep } from './step';
export type { OutputsRecord } from './outputs-file';
export {
  FLAT_OUTPUTS,
  OUTPUTS_DIR,
  OUTPUTS_RECORD,
  OUTPUTS_STACK_KEY,
  withStackIdentity,
} from './outputs-file';

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

export async function runCommand(options: CommandOptions, io: DeployIo): Promise<void> {
  const account = options.account;
  if (account === undefined)
    return runStacks(options, io, () => io.synthesize(environmentsOf(options, io)));
  if (options.command === 'destroy')
    // The baseline holds the audit trail and its logs; no command of the project deletes them.
    throw new UsageProblem(
      `destroy does not take --account: the account baseline keeps the audit trail and its logs (docs/account-baseline.md, "Removing the baseline"). Example: npm run plan -- --account ${account}`,
    );
  if (!io.synthesizeAccount)
    throw new UsageProblem('--account is not available to this caller of plan and deploy');
  const synthesizeAccount = io.synthesizeAccount;
  return runStacks(options, io, () => synthesizeAccount(account));
}

/** What a message tells the user to run again: the same selection this run was given. */
function selectorOf(stack: SynthesizedStack, options: CommandOptions): string {
  return options.account !== undefined
    ? `--account ${options.account}`
    : `--env ${envOf(stack.name)}`;
}

/** Runs the command over the stacks `synthesize` produces (after finding the binary). */
export function runStacks(
  options: CommandOptions,
  io: DeployIo,
  synthesize: () => SynthesizedStack[],
): Promise<void> {
  return withSignalsCaught(async () => {
    const found = findTerraform(io.env, stepLimits(options.timeouts ?? {}));
    const binary = io.terraformLog ? { ...found, outputLog: io.terraformLog } : found;
    io.stdout(`Using ${binary.command} ${binary.version}\n`);
    const stacks = synthesize();
    const steps: StackStep[] = stacks.map((stack) => ({
      binary,
      stack,
      graph: stackGraph(stack),
      options,
      io,
    }));
    if (options.command === 'destroy') {
      // Every environment's refusals first: one that would refuse stops all, before any change.
      checkDestroyAll(steps);
      const done: string[] = [];
      for (const step of steps) {
        try {
          await destroyStack(step);
        } catch (error) {
          if (!(error instanceof DeployError) || steps.length === 1) throw error;
          const rest = steps.slice(done.length + 1).map((s) => s.stack.name);
          throw withMore(
            error,
            `Destroyed before this: ${done.join(', ') || 'none'}. Not started: ${rest.join(', ') || 'none'}.`,
          );
        }
        done.push(step.stack.name);
      }
      return;
    }
    for (const step of steps) {
      if (options.command === 'plan') await planStack(step);
      else await deployStack(step, stacks.length === 1);
    }
  });
}

async function planStack({ binary, stack, graph, options, io }: StackStep): Promise<void> {
  privatizeStack(stack, io.projectRoot);
  await initStack(binary, stack, graph, options.migrateState);
  const cwd = stack.workingDirectory;
  // A failed plan must not leave an older record (or JSON) that still matches an older plan.
  rmSync(join(cwd, PLAN_RECORD), { force: true });
  rmSync(join(cwd, PLAN_JSON), { force: true });
  const synthSha256 = contentHash(stack.file);
  const inputs = terraformInputs(cwd);
  await mustRun(
    binary,
    ['plan', '-input=false', `-out=${PLAN_FILE}`],
    { cwd },
    `${stack.name}: terraform plan`,
  );
  const shown = await showValidatedPlan(binary, cwd, PLAN_FILE, stack.name);
  const summary = summarizePlan(shown.plan);
  writePlanRecord(stack, {
    stack: stack.name,
    synthSha256,
    inputs,
    planSha256: contentHash(join(cwd, PLAN_FILE)),
    binary: binary.command,
    version: binary.version,
    createdAt: (io.now?.() ?? new Date()).toISOString(),
    summary,
  });
  io.stdout(renderSummary(stack.name, summary));
  if (options.json) {
    const path = join(cwd, PLAN_JSON);
    writePrivateFile(path, `${JSON.stringify(JSON.parse(shown.text), null, 2)}\n`);
    io.stdout(`  Plan JSON: ${relative(io.projectRoot, path)}\n`);
  }
  io.stdout(
    `  Saved plan: ${relative(io.projectRoot, join(cwd, PLAN_FILE))}; apply it with \`npm run deploy -- ${selectorOf(stack, options)}\`\n`,
  );
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

async function deployStack(
  { binary, stack, graph, options, io }: StackStep,
  single: boolean,
): Promise<void> {
  privatizeStack(stack, io.projectRoot);
  const record = checkedPlanRecord(stack, selectorOf(stack, options));
  const cwd = stack.workingDirectory;
  const shown = await showValidatedPlan(binary, cwd, PLAN_FILE, stack.name);
  const summary = summarizePlan(shown.plan);
  if (!sameSummary(summary, record.summary)) {
    throw new DeployError(
      [
        `${stack.name}: the saved plan no longer summarizes to what was recorded when it was made (${record.createdAt}); nothing was applied.`,
        `  recorded: ${renderSummary(stack.name, record.summary).split('\n')[0]}`,
        `  now:      ${renderSummary(stack.name, summary).split('\n')[0]}`,
        `Run \`npm run plan -- ${selectorOf(stack, options)}\` and review it.`,
      ].join('\n'),
    );
  }
  checkProdReplacements(stack.name, graph, summary, options.allowReplace);
  io.stdout(renderSummary(stack.name, summary));
  await mustRun(
    binary,
    ['apply', '-input=false', PLAN_FILE],
    { cwd },
    `${stack.name}: terraform apply`,
  );
  // A saved plan applies once; Terraform would refuse it now anyway.
  rmSync(join(cwd, PLAN_FILE), { force: true });
  rmSync(join(cwd, PLAN_RECORD), { force: true });
  const written = await writeOutputs(binary, stack, graph, record.synthSha256, io, single);
  io.stdout(`Deployed ${stack.name}; outputs in ${written.join(' and ')}\n`);
}

async function writeOutputs(
  binary: TerraformBinary,
  stack: SynthesizedStack,
  graph: StackGraph,
  synthSha256: string,
  io: DeployIo,
  single: boolean,
): Promise<string[]> {
  const shown = await mustRun(
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
    writeJsonAtomically(join(dir, FLAT_OUTPUTS), withStackIdentity(flat, stack.name));
    writeJsonAtomically(join(dir, OUTPUTS_RECORD), record);
  }
  return dirs.map((d) => relative(io.projectRoot, join(d, FLAT_OUTPUTS)));
}

function writeJsonAtomically(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
