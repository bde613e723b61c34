/**
 * `terraform show -json <plan>` checked against Terraform's documented JSON plan format before
 * any guard reads it (https://developer.hashicorp.com/terraform/internals/json-format):
 * `format_version` is "1.<minor>" (a consumer must reject another major version and ignore
 * unknown properties), `resource_changes` is an array of objects, each with `address`, `mode`
 * ("managed" or "data"), `type` and `change.actions`, a non-empty list of "no-op", "create",
 * "read", "update", "delete" and, since Terraform 1.7 (`removed` blocks), "forget".
 * `resource_changes` is left out when the plan changes nothing (Terraform 1.11 does so), which
 * reads as an empty list. Anything else is refused with the first thing found wrong: a guard
 * that read `null`, `{}` or `{"resource_changes": 5}` as "no changes" would wave through the
 * plan it was meant to stop.
 */
import { DeployError } from './errors';
import type { TerraformBinary } from './terraform';
import { mustRun } from './terraform';
import { NAMING } from '../review/diff/moves';

export const PLAN_ACTIONS = ['no-op', 'create', 'read', 'update', 'delete', 'forget'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlannedChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly actions: readonly PlanAction[];
  /**
   * The argument that names the resource in AWS (`bucket=payment-assets-dev-...`), from the
   * state it leaves when it is deleted, else from what it becomes: how a destroy and a create
   * of one resource under two addresses (a renamed construct) are told apart.
   */
  readonly name?: string;
}

/** A plan whose shape has been checked: the only input the summary and the guards accept. */
export interface ValidatedPlan {
  readonly formatVersion: string;
  readonly resourceChanges: readonly PlannedChange[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The plan, or a DeployError naming `source`, the field, what it holds and what was expected.
 */
export function validatePlanJson(value: unknown, source: string): ValidatedPlan {
  const refuse = (field: string, got: unknown, expected: string): never => {
    throw new DeployError(
      `${source} is not a Terraform JSON plan: ${field} is ${describe(got)}, expected ${expected} (https://developer.hashicorp.com/terraform/internals/json-format); nothing was applied`,
    );
  };
  if (!isRecord(value)) return refuse('the document', value, 'an object');
  const version = value['format_version'];
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) {
    return refuse('format_version', version, 'a "1.x" version string, e.g. "1.2"');
  }
  if (value['errored'] === true) {
    return refuse('errored', true, 'false (Terraform marks a plan that failed part-way)');
  }
  const list = value['resource_changes'];
  if (list !== undefined && !Array.isArray(list)) {
    return refuse('resource_changes', list, 'an array of resource changes');
  }
  const changes: PlannedChange[] = [];
  for (const [i, rc] of ((list ?? []) as unknown[]).entries()) {
    const at = `resource_changes[${i}]`;
    if (!isRecord(rc)) return refuse(at, rc, 'an object');
    const address = rc['address'];
    if (typeof address !== 'string' || address === '') {
      return refuse(`${at}.address`, address, 'a resource address such as "aws_s3_bucket.logs"');
    }
    const mode = rc['mode'];
    if (mode !== 'managed' && mode !== 'data') {
      return refuse(`${at}.mode (${address})`, mode, '"managed" or "data"');
    }
    const type = rc['type'];
    if (typeof type !== 'string' || type === '') {
      return refuse(`${at}.type (${address})`, type, 'a resource type such as "aws_s3_bucket"');
    }
    const change = rc['change'];
    if (!isRecord(change)) return refuse(`${at}.change (${address})`, change, 'an object');
    const actions = change['actions'];
    if (
      !Array.isArray(actions) ||
      actions.length === 0 ||
      !actions.every((a) => (PLAN_ACTIONS as readonly unknown[]).includes(a))
    ) {
      return refuse(
        `${at}.change.actions (${address})`,
        actions,
        `a non-empty list of ${PLAN_ACTIONS.map((a) => `"${a}"`).join(', ')}`,
      );
    }
    const name = nameIn(actions.includes('delete') ? change['before'] : change['after']);
    changes.push({
      address,
      mode,
      type,
      actions: actions as PlanAction[],
      ...(name !== undefined ? { name } : {}),
    });
  }
  return { formatVersion: version, resourceChanges: changes };
}

/** `argument=value` of the first naming argument (src/review/diff/moves.ts) a value sets. */
function nameIn(values: unknown): string | undefined {
  if (!isRecord(values)) return undefined;
  for (const argument of NAMING) {
    const value = values[argument];
    if (typeof value === 'string' && value !== '') return `${argument}=${value}`;
  }
  return undefined;
}

export interface ShownPlan {
  readonly plan: ValidatedPlan;
  /** What Terraform printed, as it printed it (for `plan --json`). */
  readonly text: string;
}

/** `terraform show -json <planFile>` in `cwd`, parsed and validated. */
export async function showValidatedPlan(
  binary: TerraformBinary,
  cwd: string,
  planFile: string,
  label: string,
): Promise<ShownPlan> {
  const shown = await mustRun(
    binary,
    ['show', '-json', planFile],
    { cwd, capture: true },
    `${label}: terraform show`,
  );
  const source = `${label}: \`${binary.command} show -json ${planFile}\``;
  let parsed: unknown;
  try {
    parsed = JSON.parse(shown.stdout);
  } catch (error) {
    throw new DeployError(
      `${source} printed no JSON (${(error as Error).message}); nothing was applied`,
    );
  }
  return { plan: validatePlanJson(parsed, source), text: shown.stdout };
}
