/**
 * The gate as a function of its arguments (so tests drive it without a process):
 * load stacks, evaluate every rule, apply suppressions, write the report, return the exit
 * code: 0 pass, 1 findings or suppression errors, 2 bad input or usage.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { evaluate, passes } from './engine';
import { InputError } from './graph';
import { lineOf, loadStacks } from './load';
import { renderJson } from './reporters/json';
import { renderMarkdown } from './reporters/markdown';
import { renderSarif, sarifHelpBase } from './reporters/sarif';
import { renderTable } from './reporters/table';
import { defaultOutdir, DEFAULT_OUTDIR, OutdirError } from '../synth/outdir';
import type { Severity } from './rule';
import { SEVERITIES } from './rule';
import { RULES } from './rules';
import { parseSuppressions } from './suppressions';

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

export function parseArgs(args: readonly string[]): GateOptions | 'help' {
  let dir: string | undefined;
  let synth = false;
  let failOn: Severity = 'high';
  let format: Format = 'table';
  let output: string | undefined;
  let suppressions = DEFAULT_SUPPRESSIONS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--dir':
        dir = value();
        break;
      case '--synth':
        synth = true;
        break;
      case '--fail-on': {
        const v = value();
        if (!(SEVERITIES as readonly string[]).includes(v))
          throw new UsageError(`--fail-on "${v}" is not one of ${SEVERITIES.join(', ')}`);
        failOn = v as Severity;
        break;
      }
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v))
          throw new UsageError(`--format "${v}" is not one of ${FORMATS.join(', ')}`);
        format = v as Format;
        break;
      }
      case '--output':
        output = value();
        break;
      case '--suppressions':
        suppressions = value();
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (synth && dir !== undefined)
    throw new UsageError(
      `--synth writes the default output folder; it cannot be combined with --dir`,
    );
  return { dir, synth, failOn, format, output, suppressions };
}

export interface GateIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly colour: boolean;
  /** Synthesizes the default output; returns the synthesis exit code. */
  readonly synthesize: () => number;
  /** Today as YYYY-MM-DD (for suppression expiry). */
  readonly today?: string;
  /** Environment, for the SARIF help links in GitHub Actions (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
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

  const texts = new Map(loaded.map((s) => [s.graph.file, s.text]));
  let text: string;
  switch (options.format) {
    case 'json':
      text = renderJson(report, !ok);
      break;
    case 'sarif':
      text = renderSarif(
        report,
        (file, address) => lineOf(texts.get(file) ?? '', address),
        sarifHelpBase(io.env ?? {}, resolve(io.cwd, DEFAULT_MARKDOWN), DEFAULT_MARKDOWN),
      );
      break;
    case 'markdown':
      text = renderMarkdown(report, options.failOn);
      break;
    default:
      text = renderTable(report, { colour: io.colour && !options.output, failOn: options.failOn });
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
