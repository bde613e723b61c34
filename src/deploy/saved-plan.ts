/**
 * A saved plan and the record that ties it to one synthesis: `plan.tfplan` and
 * `plan.meta.json` in the stack's working directory. `deploy` applies the plan only when the
 * record names the same stack and the SHA-256 of today's `cdk.tf.json` and of the plan file
 * match it (content, not file times: a re-synth that changes nothing keeps the plan valid, a
 * changed file of the same age does not).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeployError } from './errors';
import type { PlanSummary } from './plan-summary';
import type { SynthesizedStack } from './stacks';
import { contentHash } from './stacks';

export const PLAN_FILE = 'plan.tfplan';
export const PLAN_RECORD = 'plan.meta.json';
export const PLAN_JSON = 'plan.json';

export interface PlanRecord {
  readonly stack: string;
  /** SHA-256 of the cdk.tf.json the plan was made from. */
  readonly synthSha256: string;
  /** SHA-256 of the plan file itself. */
  readonly planSha256: string;
  readonly binary: string;
  readonly version: string;
  readonly createdAt: string;
  readonly summary: PlanSummary;
}

export function writePlanRecord(stack: SynthesizedStack, record: PlanRecord): void {
  const path = join(stack.workingDirectory, PLAN_RECORD);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The record of the stack's saved plan, after checking that it belongs to today's synth. */
export function checkedPlanRecord(stack: SynthesizedStack): PlanRecord {
  const planPath = join(stack.workingDirectory, PLAN_FILE);
  const recordPath = join(stack.workingDirectory, PLAN_RECORD);
  const again = `run \`npm run plan -- --env ${envOf(stack.name)}\` and review it`;
  if (!existsSync(planPath) || !existsSync(recordPath)) {
    throw new DeployError(`${stack.name}: no saved plan in ${stack.workingDirectory}; ${again}`);
  }
  let record: PlanRecord;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as PlanRecord;
  } catch (error) {
    throw new DeployError(`${recordPath}: unreadable (${(error as Error).message}); ${again}`);
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
