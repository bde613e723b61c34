/**
 * The gate as a function of its arguments (so tests drive it without a process):
 * load stacks, evaluate every rule, apply suppressions, write the report, return the exit
 * code: 0 pass, 1 findings or suppression errors, 2 bad input or usage.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs as parseFlags } from 'node:util';
import { evaluate, passes, TOOL } from './engine';
import { InputError } from '../tfjson/graph';
import { loadStacks } from '../tfjson/load';
import { renderJson } from './reporters/json';
import { renderMarkdown } from './reporters/markdown';
import { renderSarif, sarifHelpBase } from './reporters/sarif';
import { renderTable } from './reporters/table';
import { defaultOutdir, DEFAULT_OUTDIR, OutdirError } from '../tfjson/outdir';
import type { Severity } from './rule';
import { SEVERITIES } from './rule';
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
}

export const USAGE = `Usage: npm run check -- [options]
  --dir <folder>          synthesized output to check (default: CDKTF_OUTDIR, else "output" in cdktf.json, else ${DEFAULT_OUTDIR}; the stacks its manifest.json lists, or a folder of *.tf.json)
  --synth                 synthesize first (npm run synth's validation and output)
  --fail-on <severity>    fail on unsuppressed findings at or above: ${SEVERITIES.join(', ')} (default high)
  --format <format>       ${FORMATS.join(', ')} (default table; npm run check:docs regenerates ${DEFAULT_MARKDOWN})
  --output <file>         write the report to a file instead of standard output
  --suppressions <file>   suppressions file (default ${DEFAULT_SUPPRESSIONS})
  --help                  this text`;

export class UsageError extends Error {}

/** The gate's flags, as `node:util` `parseArgs` declares them. */
const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  dir: { type: 'string' },
  synth: { type: 'boolean' },
  'fail-on': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  suppressions: { type: 'string' },
} as const;
type Flag = keyof typeof FLAGS;

function isFlag(name: string): name is Flag {
  return Object.hasOwn(FLAGS, name);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

export function parseArgs(args: readonly string[]): GateOptions | 'help' {
  // Non-strict with tokens, so every mistake gets the gate's own one-line message (naming
  // the argument as typed) instead of Node's generic error text.
  const { tokens } = parseFlags({
    args: [...args],
    options: FLAGS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given: Partial<Record<Flag, string>> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') throw new UsageError(`unknown argument "${args[token.index]}"`);
    const { name, rawName, value } = token;
    if (!isFlag(name)) throw new UsageError(`unknown argument "${args[token.index]}"`);
    if (name === 'help') return 'help';
    if (FLAGS[name].type === 'boolean') {
      if (value !== undefined) throw new UsageError(`${rawName} takes no value`);
      given[name] = 'true';
    } else {
      if (value === undefined || value === '') throw new UsageError(`${rawName} needs a value`);
      given[name] = value;
    }
  }
  const options: GateOptions = {
    dir: given.dir,
    synth: given.synth !== undefined,
    failOn: given['fail-on'] ? oneOf('--fail-on', given['fail-on'], SEVERITIES) : 'high',
    format: given.format ? oneOf('--format', given.format, FORMATS) : 'table',
    output: given.output,
    suppressions: given.suppressions ?? DEFAULT_SUPPRESSIONS,
  };
  if (options.synth && options.dir !== undefined)
    throw new UsageError(
      `--synth writes the default output folder; it cannot be combined with --dir`,
    );
  return options;
}

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
 * Colour only where the terminal shows it: `hasColors` exists only on a TTY stream (it is
 * undefined when standard output is a pipe or a file) and honours NO_COLOR, FORCE_COLOR,
 * NODE_DISABLE_COLORS and TERM=dumb (Node's `tty` documentation, `writeStream.getColorDepth`).
 */
export function wantsColour(
  stream: NodeJS.WritableStream & { readonly hasColors?: () => boolean },
): boolean {
  return stream.hasColors?.() ?? false;
}

/**
 * `stacks`: check only these stacks of the output's `manifest.json` (synthesis passes the
 * stacks it has just written); default every stack it lists.
 */
export function runGate(args: readonly string[], io: GateIo, stacks?: readonly string[]): number {
  let options: GateOptions | 'help';
  try {
    options = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`compliance gate: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let dir: string;
  try {
    dir = resolve(io.cwd, options.dir ?? defaultOutdir(io.cwd, io.env ?? {}));
  } catch (error) {
    if (!(error instanceof OutdirError)) throw error;
    io.stderr(`compliance gate: ${error.message}\n`);
    return 2;
  }
  if (options.synth || (options.dir === undefined && !existsSync(dir))) {
    const code = io.synthesize();
    if (code !== 0) {
      io.stderr('compliance gate: synthesis failed; nothing was checked\n');
      return 2;
    }
  }

  let loaded;
  try {
    loaded = loadStacks(dir, io.cwd, stacks);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr(`compliance gate: ${error.message}\n`);
    return 2;
  }
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
        renderTable(report, { colour: io.colour && !options.output, failOn: options.failOn }) +
        renderResilienceSummary(loaded.map((s) => analyseResilience(s.graph)));
  }
  // Markdown goes to standard output like the other formats: docs/compliance.md is the view
  // of every default environment, which only `npm run check:docs` writes.
  const output = options.output;
  if (output) {
    const path = resolve(io.cwd, output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    io.stderr(
      `compliance gate: ${ok ? 'PASS' : 'FAIL'}; ${options.format} report written to ${output}\n`,
    );
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
  args: readonly string[] = [],
): number {
  return runGate(
    ['--dir', synthesis.outdir, ...args],
    io,
    synthesis.stacks.map((s) => s.name),
  );
}
