/**
 * `npm run drift`: what changed in AWS outside Terraform, graded by the compliance gate.
 *
 * A refresh-only plan (`terraform plan -refresh-only`) lists in `resource_drift` every managed
 * resource whose live attributes differ from the state. Each drifted value is substituted into
 * the synthesized JSON (a resource deleted outside Terraform is removed from it) and the gate
 * runs on the result: a finding the live configuration has and the synthesized one has not is
 * a control the drift broke, reported with its rule and PCI DSS requirements. A drift that
 * breaks nothing (a changed tag) is still drift, reported without rules.
 *
 * What a refresh-only plan cannot see is said in every report: resources created outside
 * Terraform (it reads only what the state holds), and attributes the provider does not read
 * back.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SUPPRESSIONS } from '../compliance/run';
import { parseSuppressions } from '../compliance/suppressions';
import { writeFileAtomic } from '../files/write-atomic';
import type { Finding } from '../compliance/engine';
import { evaluate } from '../compliance/engine';
import type { Rule } from '../compliance/rule';
import { RULES } from '../compliance/rules';
import type { SuppressionFile } from '../compliance/suppressions';
import { InputProblem, OperationFailed, UsageProblem } from '../errors/problems';
import { buildGraph } from '../tfjson/graph';
import { initStack } from './backend';
import { privatizeStack } from './step';
import type { DeployIo } from './step';
import { stackGraph } from './stacks';
import { resolveEnvironments } from '../config/environments';
import type { SynthesizedStack } from './stacks';
import { findTerraform, mustRun, STEP_LIMITS, withSignalsCaught } from './terraform';

export const DRIFT_PLAN_FILE = 'drift.tfplan';

export const CANNOT_SEE =
  'A refresh-only plan reads only the resources in the Terraform state: anything created outside ' +
  'Terraform (a security group, a bucket, an IAM user added by hand) is not seen, nor are ' +
  'attributes the AWS provider does not read back. Use AWS Config or Security Hub for those.';

export interface AttributeChange {
  readonly attribute: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface BrokenControl {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  readonly pci: readonly string[];
  readonly address: string;
  readonly message: string;
}

export interface ResourceDrift {
  readonly address: string;
  readonly deleted: boolean;
  readonly changes: readonly AttributeChange[];
  readonly breaks: readonly BrokenControl[];
}

export interface StackDrift {
  readonly stack: string;
  readonly drifts: readonly ResourceDrift[];
  /** New findings the gate could not tie to one drifted resource. */
  readonly otherBreaks: readonly BrokenControl[];
}

interface PlanDriftEntry {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown> | null;
}

/** The `resource_drift` entries of a refresh-only plan's `show -json`, validated. */
export function parseResourceDrift(value: unknown, source: string): PlanDriftEntry[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputProblem(
      `${source}: not a Terraform plan JSON object (rule: the output of \`terraform show -json <plan>\`)`,
    );
  }
  const drift = (value as { resource_drift?: unknown }).resource_drift;
  if (drift === undefined) return [];
  if (!Array.isArray(drift)) {
    throw new InputProblem(
      `${source}: resource_drift is ${typeof drift}, not a list (example: "resource_drift": [])`,
    );
  }
  return drift.map((entry: unknown, index) => {
    const e = entry as {
      address?: unknown;
      mode?: unknown;
      type?: unknown;
      name?: unknown;
      change?: { actions?: unknown; before?: unknown; after?: unknown };
    };
    if (
      typeof e?.address !== 'string' ||
      typeof e.type !== 'string' ||
      typeof e.name !== 'string' ||
      !Array.isArray(e.change?.actions)
    ) {
      throw new InputProblem(
        `${source}: resource_drift[${index}] lacks address, type, name or change.actions (a plan of Terraform 1.x)`,
      );
    }
    return {
      address: e.address,
      mode: typeof e.mode === 'string' ? e.mode : 'managed',
      type: e.type,
      name: e.name,
      actions: e.change.actions as string[],
      before: (e.change.before ?? {}) as Record<string, unknown>,
      after: (e.change.after ?? null) as Record<string, unknown> | null,
    };
  });
}

const NOT_ATTRIBUTES = new Set([
  '//',
  'depends_on',
  'lifecycle',
  'provider',
  'count',
  'for_each',
  'provisioner',
  'connection',
]);

/**
 * The synthesized JSON with each drift applied: changed attributes the configuration sets
 * take their live value; a deleted resource is removed. Returns the changes per address.
 */
export function applyDrift(
  synthesized: Record<string, unknown>,
  entries: readonly PlanDriftEntry[],
): {
  json: Record<string, unknown>;
  changes: Map<string, { deleted: boolean; changes: AttributeChange[] }>;
} {
  const json = structuredClone(synthesized);
  const resources = (json['resource'] ?? {}) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  const changes = new Map<string, { deleted: boolean; changes: AttributeChange[] }>();
  for (const entry of entries) {
    if (entry.mode !== 'managed') continue;
    const deleted = entry.actions.includes('delete') || entry.after === null;
    const attrs: AttributeChange[] = [];
    for (const [attribute, before] of Object.entries(entry.before)) {
      const after = entry.after?.[attribute];
      if (!deleted && JSON.stringify(before) !== JSON.stringify(after))
        attrs.push({ attribute, before, after });
    }
    changes.set(entry.address, { deleted, changes: attrs });
    const block = resources[entry.type]?.[entry.name];
    if (!block) continue;
    if (deleted) {
      delete resources[entry.type]![entry.name];
      continue;
    }
    for (const change of attrs) {
      if (NOT_ATTRIBUTES.has(change.attribute) || !(change.attribute in block)) continue;
      block[change.attribute] = change.after;
    }
  }
  return { json, changes };
}

const key = (f: Finding): string => `${f.ruleId}\u0000${f.address}\u0000${f.message}`;

/** Grades one stack's drift: the gate on the synthesized JSON, then on the drifted JSON. */
export function gradeDrift(
  stack: string,
  synthesized: Record<string, unknown>,
  planJson: unknown,
  suppressions: SuppressionFile,
  rules: readonly Rule[] = RULES,
  today?: string,
): StackDrift {
  const entries = parseResourceDrift(planJson, `${stack}: refresh-only plan`);
  const { json, changes } = applyDrift(synthesized, entries);
  const baseline = buildGraph(synthesized, `${stack}/cdk.tf.json`, stack);
  const live = buildGraph(json, `${stack}/cdk.tf.json (drifted)`, stack);
  const findingsOf = (graph: typeof baseline): Finding[] =>
    evaluate([graph], rules, suppressions, today).stacks.flatMap((s) =>
      s.findings.filter((f) => !f.suppression),
    );
  const before = new Set(findingsOf(baseline).map(key));
  const broken = findingsOf(live).filter((f) => !before.has(key(f)));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const control = (f: Finding): BrokenControl => ({
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    pci: byId.get(f.ruleId)?.pci ?? [],
    address: f.address,
    message: f.message,
  });

  const drifts: ResourceDrift[] = [];
  const claimed = new Set<Finding>();
  for (const [address, change] of changes) {
    // A finding belongs to the drifted resource itself, or to a resource it refers to or
    // that refers to it (a deleted public access block fails its bucket's rule).
    const related = new Set([
      address,
      ...baseline.refsFrom(address).map((e) => e.to),
      ...baseline.refsTo(address).map((e) => e.from),
    ]);
    const mine = broken.filter((f) => related.has(f.address));
    for (const f of mine) claimed.add(f);
    drifts.push({
      address,
      deleted: change.deleted,
      changes: change.changes,
      breaks: mine.map(control),
    });
  }
  return { stack, drifts, otherBreaks: broken.filter((f) => !claimed.has(f)).map(control) };
}

export function hasDrift(results: readonly StackDrift[]): boolean {
  return results.some((r) => r.drifts.length > 0);
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'null' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** The report for the terminal (`text`) or the pipeline's issue (`markdown`). */
export function renderDrift(results: readonly StackDrift[], format: 'text' | 'markdown'): string {
  const md = format === 'markdown';
  const lines: string[] = [];
  if (md) lines.push('# Drift report', '');
  for (const result of results) {
    const broken = result.drifts.reduce((n, d) => n + d.breaks.length, result.otherBreaks.length);
    const head = `${result.stack}: ${result.drifts.length === 0 ? 'no drift' : `${result.drifts.length} drifted resource(s), ${broken} control(s) broken`}`;
    lines.push(md ? `## ${head}` : head);
    if (md) lines.push('');
    for (const drift of result.drifts) {
      const what = drift.deleted
        ? 'deleted outside Terraform'
        : drift.changes
            .map((c) => `${c.attribute}: ${show(c.before)} -> ${show(c.after)}`)
            .join('; ');
      lines.push(md ? `- \`${drift.address}\`: ${what}` : `  ${drift.address}: ${what}`);
      if (drift.breaks.length === 0)
        lines.push(md ? '  - breaks no gate rule' : '    breaks no gate rule');
      for (const b of drift.breaks) lines.push(brokenLine(b, md));
    }
    for (const b of result.otherBreaks) lines.push(brokenLine(b, md));
    if (md) lines.push('');
  }
  lines.push(md ? `> ${CANNOT_SEE}` : `Not seen: ${CANNOT_SEE}`);
  return `${lines.join('\n')}\n`;
}

function brokenLine(b: BrokenControl, md: boolean): string {
  const pci = b.pci.length > 0 ? `PCI DSS ${b.pci.join(', ')}` : 'no PCI requirement';
  const text = `breaks ${b.ruleId} (${b.severity}, ${pci}): ${b.title} [${b.address}]`;
  return md ? `  - ${text}` : `    ${text}`;
}

export const DRIFT_FORMATS = ['text', 'markdown'] as const;

export interface DriftOptions {
  /** Environments by name (empty: the one the environment variables describe). */
  readonly environments: readonly string[];
  readonly all: boolean;
  readonly format: (typeof DRIFT_FORMATS)[number];
  /** File the report is written to (default standard output). */
  readonly output: string | undefined;
}

/**
 * The command's work: synthesize the environments, grade each one's drift, write the report.
 * Returns 0 when nothing drifted and 1 when anything did (a changed tag included).
 */
export async function runDriftReport(options: DriftOptions, io: DeployIo): Promise<number> {
  if (options.all && options.environments.length > 0) {
    throw new UsageProblem('--all cannot be combined with --env. Example: npm run drift -- --all');
  }
  // The one resolver of environment names (an unknown name is an InputProblem, exit 2).
  const resolution = resolveEnvironments({
    projectRoot: io.projectRoot,
    env: io.env,
    names: options.environments,
    all: options.all,
  });
  for (const line of [...resolution.overrides, ...resolution.ignored]) io.stderr(`${line}\n`);
  const environments = resolution.environments;
  const suppressionsPath = resolve(io.projectRoot, DEFAULT_SUPPRESSIONS);
  const suppressions = parseSuppressions(
    DEFAULT_SUPPRESSIONS,
    existsSync(suppressionsPath) ? readFileSync(suppressionsPath, 'utf8') : undefined,
  );
  const results = await runDrift(() => io.synthesize(environments), suppressions, io);
  const report = renderDrift(results, options.format);
  if (options.output) {
    writeFileAtomic(resolve(io.projectRoot, options.output), report);
    io.stderr(`Drift report written to ${options.output}\n`);
  } else {
    io.stdout(report);
  }
  return hasDrift(results) ? 1 : 0;
}

/**
 * Refresh-only plan of each synthesized stack, graded. Returns the results; the command maps
 * them to exit 1 when any stack drifted.
 */
export function runDrift(
  stacks: () => SynthesizedStack[],
  suppressions: SuppressionFile,
  io: DeployIo,
): Promise<StackDrift[]> {
  return withSignalsCaught(async () => {
    const binary = findTerraform(io.env, STEP_LIMITS);
    io.stderr(`Using ${binary.command} ${binary.version}\n`);
    const results: StackDrift[] = [];
    for (const stack of stacks()) {
      privatizeStack(stack, io.projectRoot);
      const graph = stackGraph(stack);
      await initStack(binary, stack, graph, false);
      const cwd = stack.workingDirectory;
      rmSync(join(cwd, DRIFT_PLAN_FILE), { force: true });
      await mustRun(
        binary,
        ['plan', '-refresh-only', '-input=false', `-out=${DRIFT_PLAN_FILE}`],
        { cwd },
        `${stack.name}: terraform plan -refresh-only`,
      );
      const shown = await mustRun(
        binary,
        ['show', '-json', DRIFT_PLAN_FILE],
        { cwd, capture: true },
        `${stack.name}: terraform show`,
      );
      let plan: unknown;
      try {
        plan = JSON.parse(shown.stdout);
      } catch {
        throw new OperationFailed(
          `${stack.name}: \`terraform show -json ${DRIFT_PLAN_FILE}\` did not print JSON`,
        );
      }
      const synthesized = JSON.parse(readFileSync(stack.file, 'utf8')) as Record<string, unknown>;
      results.push(gradeDrift(stack.name, synthesized, plan, suppressions));
    }
    return results;
  });
}
