/**
 * `npm run resilience` as a function of its arguments. Exit codes: 0 every prod stack
 * survives the loss of any one AZ (other environments' single points of failure are listed
 * as accepted risks), 1 a prod stack does not, 2 bad input or usage.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../tfjson/graph';
import { loadStacks } from '../tfjson/load';
import { defaultOutdir, OutdirError } from '../tfjson/outdir';
import { analyseResilience } from './analyse';
import { renderResilienceMarkdown, renderResilienceText } from './report';

export const RESILIENCE_USAGE = `Usage: npm run resilience -- [options]
  --dir <folder>     synthesized output (default the gate's: CDKTF_OUTDIR, cdktf.json "output", cdktf.out)
  --stack <name>     only this stack (repeatable; default every stack)
  --format <format>  table, json, markdown (default table)
  --output <file>    write the report to a file instead of standard output
  --help             this text`;

export interface ResilienceIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Environment, for the default output folder (CDKTF_OUTDIR). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function runResilience(args: readonly string[], io: ResilienceIo): number {
  let dir: string | undefined;
  let format = 'table';
  let output: string | undefined;
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v === '') throw new InputError(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === '--help' || arg === '-h') {
        io.stdout(`${RESILIENCE_USAGE}\n`);
        return 0;
      } else if (arg === '--dir') dir = value();
      else if (arg === '--stack') only.push(value());
      else if (arg === '--output') output = value();
      else if (arg === '--format') {
        format = value();
        if (!['table', 'json', 'markdown'].includes(format))
          throw new InputError(
            `--format "${format}" is not one of table, json, markdown. Example: --format markdown`,
          );
      } else throw new InputError(`unknown argument "${arg}"`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr(`resilience: ${error.message}\n${RESILIENCE_USAGE}\n`);
      return 2;
    }
  }
  let graphs;
  try {
    dir ??= defaultOutdir(io.cwd, io.env ?? {});
    graphs = loadStacks(resolve(io.cwd, dir), io.cwd).map((s) => s.graph);
  } catch (error) {
    if (!(error instanceof InputError) && !(error instanceof OutdirError)) throw error;
    io.stderr(`resilience: ${error.message}\n`);
    return 2;
  }
  const missing = only.filter((n) => !graphs.some((g) => g.name === n));
  if (missing.length > 0) {
    io.stderr(
      `resilience: --stack ${missing.join(', ')}: no such stack in ${dir} (stacks: ${graphs.map((g) => g.name).join(', ')})\n`,
    );
    return 2;
  }
  const analyses = graphs
    .filter((g) => only.length === 0 || only.includes(g.name))
    .map(analyseResilience);
  const text =
    format === 'json'
      ? `${JSON.stringify({ stacks: analyses }, null, 2)}\n`
      : format === 'markdown'
        ? renderResilienceMarkdown(analyses)
        : renderResilienceText(analyses);
  if (output) {
    const path = resolve(io.cwd, output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp-${process.pid}`, text);
    renameSync(`${path}.tmp-${process.pid}`, path);
  } else io.stdout(text);
  const failing = analyses.filter(
    (a) => a.profile === 'prod' && a.singlePointsOfFailure.length > 0,
  );
  for (const a of failing)
    io.stderr(
      `resilience: ${a.stack} (prod) does not survive the loss of one AZ with every tier serving\n`,
    );
  return failing.length > 0 ? 1 : 0;
}
