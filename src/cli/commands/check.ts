/** `npm run check`: the compliance gate over the synthesized Terraform JSON. */
import type { Format } from '../../compliance/run';
import {
  DEFAULT_GATE_OPTIONS,
  DEFAULT_MARKDOWN,
  DEFAULT_SUPPRESSIONS,
  FORMATS,
  runGate,
} from '../../compliance/run';
import { SEVERITIES } from '../../compliance/rule';
import { UsageProblem } from '../../errors/problems';
import { DEFAULT_OUTDIR, defaultOutdir } from '../../tfjson/outdir';
import { withLock } from '../../synth/lock';
import { resolve } from 'node:path';
import type { CommandIo } from '../contract';
import { defineCommand } from '../contract';

export interface CheckDependencies {
  /** Synthesizes the default output folder (`--synth`, or no output yet); returns its code. */
  readonly synthesize: (io: CommandIo) => number;
  /** The time the markdown report states it was generated (tests fix it). */
  readonly now?: () => Date;
}

export function makeCheckCommand(dependencies: CheckDependencies) {
  return defineCommand({
    name: 'check',
    summary:
      'Runs the compliance gate (PCI DSS-mapped rules) over the synthesized Terraform JSON and reports each finding.',
    options: {
      dir: {
        type: 'string',
        value: 'folder',
        example: 'cdktf.out',
        help: `synthesized output to check (default: CDKTF_OUTDIR, else "output" in cdktf.json, else ${DEFAULT_OUTDIR}; the stacks its manifest.json lists, or a folder of *.tf.json)`,
      },
      synth: { type: 'boolean', help: "synthesize first (npm run synth's validation and output)" },
      'fail-on': {
        type: 'string',
        value: 'severity',
        example: 'high',
        choices: SEVERITIES,
        help: `fail on unsuppressed findings at or above: ${SEVERITIES.join(', ')} (default high)`,
      },
      format: {
        type: 'string',
        value: 'format',
        example: 'json',
        choices: FORMATS,
        help: `${FORMATS.join(', ')} (default table; npm run check:docs regenerates ${DEFAULT_MARKDOWN})`,
      },
      output: {
        type: 'string',
        value: 'file',
        example: 'report.sarif',
        help: 'write the report to a file instead of standard output',
      },
      suppressions: {
        type: 'string',
        value: 'file',
        example: DEFAULT_SUPPRESSIONS,
        help: `suppressions file (default ${DEFAULT_SUPPRESSIONS})`,
      },
    },
    examples: ['npm run check', 'npm run check -- --format sarif --output gate.sarif'],
    run: ({ options }, io) => {
      if (options.synth && options.dir !== undefined)
        throw new UsageProblem(
          '--synth writes the default output folder; it cannot be combined with --dir',
        );
      // Under the output folder's lock (src/synth/lock.ts): a synthesis running meanwhile
      // cannot swap files between the gate reading the manifest and reading the stacks.
      const outdir = resolve(io.cwd, options.dir ?? defaultOutdir(io.cwd, io.env));
      return withLock(
        outdir,
        () =>
          runGate(
            {
              dir: options.dir,
              synth: options.synth,
              failOn: options['fail-on'] ?? DEFAULT_GATE_OPTIONS.failOn,
              format: options.format ?? DEFAULT_GATE_OPTIONS.format,
              output: options.output,
              suppressions: options.suppressions ?? DEFAULT_SUPPRESSIONS,
              verbose: io.verbose,
            },
            {
              ...io,
              synthesize: () => dependencies.synthesize(io),
              ...(dependencies.now ? { now: dependencies.now } : {}),
            },
          ),
        { command: 'npm run check', onWait: io.stderr },
      );
    },
  });
}

export type { Format };
