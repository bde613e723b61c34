/**
 * `npm run resilience` as a function of typed options. Exit codes: 0 every prod stack
 * survives the loss of any one AZ (other environments' single points of failure are listed
 * as accepted risks), 1 a prod stack does not; bad input throws an `InputProblem` (exit 2).
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { readStacks } from '../tfjson/load';
import { analyseResilience } from './analyse';
import { renderResilienceMarkdown, renderResilienceText } from './report';

export const RESILIENCE_FORMATS = ['table', 'json', 'markdown'] as const;

export interface ResilienceOptions {
  /** Synthesized output; `undefined`: the gate's (CDKTF_OUTDIR, cdktf.json "output", cdktf.out). */
  readonly dir: string | undefined;
  /** Only these stacks (empty: every stack). */
  readonly stacks: readonly string[];
  readonly format: (typeof RESILIENCE_FORMATS)[number];
  readonly output: string | undefined;
  /** Table format: every scenario and rule, not only the verdicts and what fails. */
  readonly verbose: boolean;
}

export interface ResilienceIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Environment, for the default output folder (CDKTF_OUTDIR). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function runResilience(options: ResilienceOptions, io: ResilienceIo): number {
  const graphs = readStacks(options.dir, options.stacks, io);
  const analyses = graphs.map(analyseResilience);
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ stacks: analyses }, null, 2)}\n`
      : options.format === 'markdown'
        ? renderResilienceMarkdown(analyses)
        : renderResilienceText(analyses, options.verbose);
  if (options.output) writeFileAtomic(resolve(io.cwd, options.output), text);
  else io.stdout(text);
  const failing = analyses.filter(
    (a) => a.profile === 'prod' && a.singlePointsOfFailure.length > 0,
  );
  for (const a of failing)
    io.stderr(
      `resilience: ${a.stack} (prod) does not survive the loss of one AZ with every tier serving\n`,
    );
  return failing.length > 0 ? 1 : 0;
}
