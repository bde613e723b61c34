/**
 * `npm run diff -- <before> <after>` or `npm run diff -- --git <ref>`: compares two synths
 * per stack and runs the compliance gate on both sides. Exit code like `git diff
 * --exit-code`: 0 no changes, 1 changes; bad input throws an `InputProblem` (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../../compliance/engine';
import { evaluate } from '../../compliance/engine';
import type { StackGraph } from '../../tfjson/graph';
import { InputError } from '../../tfjson/graph';
import { RULES } from '../../compliance/rules';
import { parseSuppressions } from '../../compliance/suppressions';
import { readStacks } from '../../tfjson/load';
import { UsageProblem } from '../../errors/problems';
import { writeFileAtomic } from '../../files/write-atomic';
import { diffStacks, isEmptyDiff } from './compare';
import type { DiffFormat, FindingChanges } from './render';
import { renderDiff } from './render';
import type { MoveEntry } from '../../synth/moves';
import { movesFilePath, readMovesFile, recordMoves } from '../../synth/moves';

export interface DiffOptions {
  readonly folders: readonly [string, string] | undefined;
  readonly gitRef: string | undefined;
  readonly format: DiffFormat;
  /** With `--git`: the environments to synthesize on both sides. @default the one the variables name, else dev */
  readonly environments?: readonly string[];
  /** With `--git`: the account baseline of `config/accounts/<name>.json` instead of environments. */
  readonly account?: string;
  /**
   * Record the matched moves in `moves/<stack>.json` (src/synth/moves.ts); ambiguous ones are
   * never written. @default false
   */
  readonly writeMoves?: boolean;
  /** The date written with each recorded move, `YYYY-MM-DD`. @default today (UTC) */
  readonly today?: string;
  /**
   * Also write, to this file, the environments whose stack or gate findings changed, as JSON
   * `[{ "environment", "stack", "profile" }]` (what a pipeline plans; examples/ci/github/).
   */
  readonly changedEnvironmentsFile?: string;
}

export interface DiffIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Timings on standard error. */
  readonly verbose?: boolean;
  /** Synthesizes `ref` and the working tree into scratch folders; throws InputError. */
  readonly synthesizeAtRef: (
    ref: string,
    environments: readonly string[],
    account?: string,
  ) => { before: string; after: string; cleanup: () => void };
}

export function runDiff(options: DiffOptions, io: DiffIo): number {
  if (options.gitRef !== undefined && options.folders !== undefined)
    throw new UsageProblem('--git compares with the working tree; it takes no folders');
  if (options.gitRef === undefined && (options.environments ?? []).length > 0)
    throw new UsageProblem(
      '--env chooses what --git synthesizes; two folders are compared as they are',
    );
  if (options.account !== undefined && options.gitRef === undefined)
    throw new UsageProblem(
      '--account chooses what --git synthesizes; two folders are compared as they are. Example: npm run diff -- --git main --account main',
    );
  if (options.account !== undefined && (options.environments ?? []).length > 0)
    throw new UsageProblem(
      '--account synthesizes the account baseline alone: it cannot be combined with --env',
    );
  if (options.account !== undefined && options.changedEnvironmentsFile !== undefined)
    throw new UsageProblem(
      '--changed-environments lists environments; the account baseline is planned with npm run plan -- --account <name>',
    );
  if (options.gitRef === undefined && options.folders === undefined)
    throw new UsageProblem(
      'give two synthesized output folders or --git <ref>. Example: npm run diff -- before.out cdktf.out',
    );
  let cleanup = () => {};
  try {
    let before: string;
    let after: string;
    let labels: [string, string];
    if (options.gitRef !== undefined) {
      const scratch =
        options.account !== undefined
          ? io.synthesizeAtRef(options.gitRef, [], options.account)
          : io.synthesizeAtRef(options.gitRef, options.environments ?? []);
      cleanup = scratch.cleanup;
      ({ before, after } = scratch);
      labels = [options.gitRef, 'working tree'];
    } else {
      [before, after] = options.folders!.map((f) => resolve(io.cwd, f)) as [string, string];
      labels = [options.folders![0], options.folders![1]];
      for (const [label, dir] of [
        [labels[0], before],
        [labels[1], after],
      ] as const) {
        if (!existsSync(dir))
          throw new InputError(
            `${label}: no such folder (give two synthesized output folders, for example: npm run diff -- before.out cdktf.out)`,
          );
      }
    }
    const started = performance.now();
    const b = readStacks(before, [], io);
    const a = readStacks(after, [], io);
    let report = compareSynths(b, a, labels, io.cwd);
    // Written first, so the diff shows the moves file as it now is.
    if (options.writeMoves) report = { ...report, recorded: writeMoves(report, options, io) };
    io.stdout(renderDiff(report, options.format));
    if (io.verbose)
      io.stderr(
        `diff: compared ${b.length} and ${a.length} stacks in ${Math.round(performance.now() - started)} ms\n`,
      );
    const changedStacks = report.stacks
      .filter((diff) => {
        const findings = report.findings.get(diff.stack);
        return (
          !isEmptyDiff(diff) ||
          (findings !== undefined && findings.appeared.length + findings.disappeared.length > 0)
        );
      })
      .map((diff) => diff.stack);
    if (options.changedEnvironmentsFile !== undefined) {
      const profileOf = (stack: string) =>
        (a.find((g) => g.name === stack) ?? b.find((g) => g.name === stack))?.profile;
      writeFileAtomic(
        resolve(io.cwd, options.changedEnvironmentsFile),
        `${JSON.stringify(
          // Only stacks the working tree still has: a removed environment cannot be planned.
          changedStacks
            .filter((stack) => a.some((g) => g.name === stack))
            .map((stack) => ({
              environment: stack.replace(/^payment-/, ''),
              stack,
              profile: profileOf(stack) ?? null,
            })),
        )}\n`,
      );
    }
    return changedStacks.length > 0 ? 1 : 0;
  } finally {
    cleanup();
  }
}

/**
 * `--write-moves`: each stack's matched moves added to its moves file; the ambiguous ones
 * listed, never written. Returns what each file holds afterwards.
 */
function writeMoves(
  report: ReturnType<typeof compareSynths>,
  options: DiffOptions,
  io: DiffIo,
): Map<string, readonly MoveEntry[]> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const recorded = new Map<string, readonly MoveEntry[]>();
  for (const d of report.stacks) {
    const file = movesFilePath(d.stack);
    const added = recordMoves(
      io.cwd,
      d.stack,
      d.moves.map((m) => ({
        from: m.from,
        to: m.to,
        identity: m.identity,
        reason: `matched by ${m.basis} (npm run diff ${report.before} -> ${report.after})`,
        recorded: today,
      })),
    );
    if (added.length > 0)
      io.stdout(`Recorded ${added.length} move(s) in ${file}; commit it with the rename.\n`);
    else if (d.moves.length > 0) io.stdout(`${file} already records every move.\n`);
    for (const m of d.ambiguousMoves)
      io.stdout(
        `NOT recorded (ambiguous): ${m.identity}: ${m.from.join(', ')} -> ${m.to.join(', ')}; add the right entry to ${file} by hand.\n`,
      );
    recorded.set(d.stack, readMovesFile(io.cwd, d.stack) ?? []);
  }
  return recorded;
}

/** Diffs stacks paired by name, and the gate's unsuppressed findings on each side. */
export function compareSynths(
  before: readonly StackGraph[],
  after: readonly StackGraph[],
  labels: readonly [string, string],
  cwd: string,
) {
  const names = [...new Set([...before, ...after].map((g) => g.name))].sort();
  const stacks = names.map((n) =>
    diffStacks(
      before.find((g) => g.name === n),
      after.find((g) => g.name === n),
    ),
  );
  const path = resolve(cwd, 'compliance/suppressions.json');
  const suppressions = () =>
    parseSuppressions(
      'compliance/suppressions.json',
      existsSync(path) ? readFileSync(path, 'utf8') : undefined,
    );
  const open = (graphs: readonly StackGraph[]) =>
    evaluate(graphs, RULES, suppressions()).stacks.flatMap((s) =>
      s.findings.filter((f) => !f.suppression),
    );
  const fb = open(before);
  const fa = open(after);
  const id = (f: Finding) => JSON.stringify([f.stack, f.ruleId, f.address, f.message]);
  const beforeIds = new Set(fb.map(id));
  const afterIds = new Set(fa.map(id));
  const findings = new Map<string, FindingChanges>(
    names.map((n) => [
      n,
      {
        appeared: fa.filter((f) => f.stack === n && !beforeIds.has(id(f))),
        disappeared: fb.filter((f) => f.stack === n && !afterIds.has(id(f))),
      },
    ]),
  );
  // What each stack's moves file already records, so the diff says which moves still need
  // `--write-moves`. A malformed file is an input error (exit 2), as it is for synthesis.
  const recorded = new Map<string, readonly MoveEntry[]>(
    names.map((n) => [n, readMovesFile(cwd, n) ?? []]),
  );
  return { before: labels[0], after: labels[1], stacks, findings, recorded };
}
