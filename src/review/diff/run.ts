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
import { diffStacks, isEmptyDiff } from './compare';
import type { DiffFormat, FindingChanges } from './render';
import { renderDiff } from './render';

export interface DiffOptions {
  readonly folders: readonly [string, string] | undefined;
  readonly gitRef: string | undefined;
  readonly format: DiffFormat;
}

export interface DiffIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Timings on standard error. */
  readonly verbose?: boolean;
  /** Synthesizes `ref` and the working tree into scratch folders; throws InputError. */
  readonly synthesizeAtRef: (ref: string) => { before: string; after: string; cleanup: () => void };
}

export function runDiff(options: DiffOptions, io: DiffIo): number {
  if (options.gitRef !== undefined && options.folders !== undefined)
    throw new UsageProblem('--git compares with the working tree; it takes no folders');
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
      const scratch = io.synthesizeAtRef(options.gitRef);
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
    const report = compareSynths(b, a, labels, io.cwd);
    io.stdout(renderDiff(report, options.format));
    if (io.verbose)
      io.stderr(
        `diff: compared ${b.length} and ${a.length} stacks in ${Math.round(performance.now() - started)} ms\n`,
      );
    const changed =
      report.stacks.some((d) => !isEmptyDiff(d)) ||
      [...report.findings.values()].some((f) => f.appeared.length + f.disappeared.length > 0);
    return changed ? 1 : 0;
  } finally {
    cleanup();
  }
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
  return { before: labels[0], after: labels[1], stacks, findings };
}
