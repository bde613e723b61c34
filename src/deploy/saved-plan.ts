/**
 * A saved plan and the record that ties it to what it was made from: `plan.tfplan` and
 * `plan.meta.json` in the stack's working directory. `deploy` applies the plan only when the
 * record names the same stack, the plan file is the one recorded, every file of the stack
 * folder that Terraform reads is as it was at plan time (the synthesized `cdk.tf.json`, any
 * `*.tf`, `*.tf.json`, `*_override.tf(.json)`, `*.tofu(.json)`, `*.tfvars(.json)`, and
 * `.terraform.lock.hcl`; a file added since counts as a change), and the plan, shown again,
 * summarizes to what was recorded. Content, not file times: a re-synth that changes nothing
 * keeps the plan valid, a changed file of the same age does not.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DeployError } from './errors';
import type { PlanSummary } from './plan-summary';
import { writePrivateFile } from './private-files';
import type { SynthesizedStack } from './stacks';
import { contentHash } from './stacks';

export const PLAN_FILE = 'plan.tfplan';
export const PLAN_RECORD = 'plan.meta.json';
export const PLAN_JSON = 'plan.json';

export interface PlanRecord {
  readonly stack: string;
  /** SHA-256 of the cdk.tf.json the plan was made from. */
  readonly synthSha256: string;
  /** SHA-256 of every file of the stack folder Terraform reads, by name. */
  readonly inputs: Readonly<Record<string, string>>;
  /** SHA-256 of the plan file itself. */
  readonly planSha256: string;
  readonly binary: string;
  readonly version: string;
  readonly createdAt: string;
  readonly summary: PlanSummary;
}

/** Files Terraform (or OpenTofu) reads from a configuration folder, besides the lock file. */
const READ_BY_TERRAFORM = /\.(tf|tf\.json|tofu|tofu\.json|tfvars|tfvars\.json)$/;
export const LOCK_FILE = '.terraform.lock.hcl';

/**
 * SHA-256 of each file in `dir` that Terraform reads when it plans there: configuration files
 * (overrides included), variable files and the provider lock file. Terraform skips names that
 * start with `.` or `#` or end with `~`, and so does this.
 */
export function terraformInputs(dir: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const read =
      name === LOCK_FILE ||
      (READ_BY_TERRAFORM.test(name) && !/^[.#]/.test(name) && !name.endsWith('~'));
    if (read && statSync(join(dir, name)).isFile()) inputs[name] = contentHash(join(dir, name));
  }
  return inputs;
}

/** What differs between two input sets, as "added x", "changed y", "removed z". */
export function inputChanges(
  before: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  return names.flatMap((name) => {
    if (before[name] === now[name]) return [];
    if (before[name] === undefined) return [`added ${name}`];
    if (now[name] === undefined) return [`removed ${name}`];
    return [`changed ${name}`];
  });
}

export function writePlanRecord(stack: SynthesizedStack, record: PlanRecord): void {
  writePrivateFile(
    join(stack.workingDirectory, PLAN_RECORD),
    `${JSON.stringify(record, null, 2)}\n`,
  );
}

/** The record of the stack's saved plan, after checking that it belongs to today's files. */
export function checkedPlanRecord(
  stack: SynthesizedStack,
  selector = `--env ${envOf(stack.name)}`,
): PlanRecord {
  const planPath = join(stack.workingDirectory, PLAN_FILE);
  const recordPath = join(stack.workingDirectory, PLAN_RECORD);
  const again = `run \`npm run plan -- ${selector}\` and review it`;
  if (!existsSync(planPath) || !existsSync(recordPath)) {
    throw new DeployError(`${stack.name}: no saved plan in ${stack.workingDirectory}; ${again}`);
  }
  let record: PlanRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as PlanRecord;
  } catch (error) {
    throw new DeployError(`${recordPath}: unreadable (${(error as Error).message}); ${again}`);
  }
  if (typeof record !== 'object' || record === null || typeof record.inputs !== 'object') {
    throw new DeployError(
      `${recordPath}: not a plan record of this version (no "inputs"); ${again}`,
    );
  }
  if (record.stack !== stack.name) {
    throw new DeployError(
      `${stack.name}: the saved plan was made for stack "${record.stack}", not this one; ${again}`,
    );
  }
  if (record.synthSha256 !== contentHash(stack.file)) {
    throw new DeployError(
      `${stack.name}: the saved plan was made from a different synthesis (cdk.tf.json changed since ${record.createdAt}); ${again}`,
    );
  }
  const changed = inputChanges(record.inputs, terraformInputs(stack.workingDirectory));
  if (changed.length > 0) {
    throw new DeployError(
      `${stack.name}: the files Terraform reads in ${stack.workingDirectory} changed since the plan (${changed.join(', ')}), so the saved plan is not what would be applied; nothing was applied. Remove what you did not mean to add, then ${again}`,
    );
  }
  if (record.planSha256 !== contentHash(planPath)) {
    throw new DeployError(
      `${stack.name}: ${PLAN_FILE} is not the plan recorded in ${PLAN_RECORD} (changed after planning); ${again}`,
    );
  }
  return record;
}

/** `payment-dev` -> `dev`. */
export function envOf(stackName: string): string {
  return stackName.replace(/^payment-/, '');
}
