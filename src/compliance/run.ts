/**
 * The gate as a function of typed options (so tests and other commands drive it without a
 * process): load stacks, evaluate every rule, apply suppressions, write the report, return
 * 0 (pass) or 1 (findings or suppression errors). Bad input throws an `InputProblem`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { evaluate, passes, TOOL } from './engine';
import { InputProblem } from '../errors/problems';
import { loadStacks } from '../tfjson/load';
import { renderJson } from './reporters/json';
import { renderMarkdown } from './reporters/markdown';
import { renderSarif, sarifHelpBase } from './reporters/sarif';
import { renderTable } from './reporters/table';
import { defaultOutdir } from '../tfjson/outdir';
import type { Severity } from './rule';
import { RULES } from './rules';
import { indexSources, sarifLocator } from './sources';
import { currentProvenance } from './provenance';
import { parseSuppressions } from './suppressions';
import { analyseResilience } from '../resilience/analyse';
import { renderResilienceSummary } from '../resilience/report';

export const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_SUPPRESSIONS = 'compliance/suppressions.json';
export const DEFAULT_MARKDOWN = 'docs/compliance.md';

export interface GateOptions {
  /** `undefined`: the output folder synthesis uses (`defaultOutdir`). */
  readonly dir: string | undefined;
  readonly synth: boolean;
  readonly failOn: Severity;
  readonly format: Format;
  readonly output: string | undefined;
  readonly suppressions: string;
  /** Table format: every suppression and every accepted single point of failure. */
  readonly verbose?: boolean;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = {
  dir: undefined,
  synth: false,
  failOn: 'high',
  format: 'table',
  output: undefined,
  suppressions: DEFAULT_SUPPRESSIONS,
};

export interface GateIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly colour: boolean;
  /** Synthesizes the default output; returns the synthesis exit code. */
  readonly synthesize: () => number;
  /** The time the markdown report states it was generated (default: now). */
  readonly now?: () => Date;
  /** Today as YYYY-MM-DD (for suppression expiry). */
  readonly today?: string;
  /** Environment, for the SARIF help links in GitHub Actions (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * `stacks`: check only these stacks of the output's `manifest.json` (synthesis passes the
 * stacks it has just written); default every stack it lists.
 */
export function runGate(options: GateOptions, io: GateIo, stacks?: readonly string[]): number {
  const dir = resolve(io.cwd, options.dir ?? defaultOutdir(io.cwd, io.env ?? {}));
  if (options.synth || (options.dir === undefined && !existsSync(dir))) {
    if (io.synthesize() !== 0) throw new InputProblem('synthesis failed; nothing was checked');
  }

  const loaded = loadStacks(dir, io.cwd, stacks);
  const suppressionsPath = resolve(io.cwd, options.suppressions);
  const suppressionText = existsSync(suppressionsPath)
    ? readFileSync(suppressionsPath, 'utf8')
    : undefined;
  const suppressionFile = parseSuppressions(options.suppressions, suppressionText);
  const report = evaluate(
    loaded.map((s) => s.graph),
    RULES,
    suppressionFile,
    io.today,
  );
  const ok = passes(report, options.failOn);

  let text: string;
  switch (options.format) {
    case 'json':
      text = renderJson(report, !ok);
      break;
    case 'sarif':
      text = renderSarif(
        report,
        sarifLocator(loaded, indexSources(io.cwd)),
        sarifHelpBase(io.env ?? {}, resolve(io.cwd, DEFAULT_MARKDOWN), DEFAULT_MARKDOWN),
      );
      break;
    case 'markdown':
      text = renderMarkdown(
        report,
        options.failOn,
        currentProvenance(io.cwd, TOOL.version, io.now?.()),
        loaded.map((s) => s.graph),
      );
      break;
    default:
      text =
        renderTable(report, {
          colour: io.colour && !options.output,
          failOn: options.failOn,
          verbose: options.verbose ?? false,
        }) +
        renderResilienceSummary(
          loaded.map((s) => analyseResilience(s.graph)),
          options.verbose ?? false,
        );
  }
  // Markdown goes to standard output like the other formats: docs/compliance.md is the view
  // of every default environment, which only `npm run check:docs` writes.
  const output = options.output;
  if (output) {
    writeFileAtomic(resolve(io.cwd, output), text);
    io.stderr(`check: ${ok ? 'PASS' : 'FAIL'}; ${options.format} report written to ${output}\n`);
  } else {
    io.stdout(text);
  }
  return ok ? 0 : 1;
}

/**
 * The gate over the stacks a synthesis has just written (`synthesize` in src/synth), in the
 * caller's process: `npm run synth` runs it, and so can any tool that synthesizes first.
 * `args` are the gate's flags (`--format`, `--output`, ...); the input is fixed.
 */
export function gateSynthesized(
  synthesis: { readonly outdir: string; readonly stacks: readonly { readonly name: string }[] },
  io: GateIo,
  options: Partial<Omit<GateOptions, 'dir' | 'synth'>> = {},
): number {
  return runGate(
    { ...DEFAULT_GATE_OPTIONS, ...options, dir: synthesis.outdir, synth: false },
    io,
    synthesis.stacks.map((s) => s.name),
  );
}
