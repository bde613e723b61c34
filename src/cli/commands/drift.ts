/** `npm run drift`: a refresh-only plan of each environment, graded by the compliance gate. */
import { DRIFT_FORMATS, runDriftReport } from '../../deploy/drift';
import { synthesizeAndGate } from '../../deploy/synth';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

const FORMATS = DRIFT_FORMATS;

export const driftCommand = defineCommand({
  name: 'drift',
  summary:
    'Refresh-only plan of each environment: every drift, and the compliance rules and PCI DSS requirements the live configuration now breaks. Exit 1 when anything drifted.',
  options: {
    env: { ...ENVIRONMENT_OPTION, multiple: true },
    all: { type: 'boolean', help: 'every environment in config/' },
    format: {
      type: 'string',
      value: 'format',
      example: 'markdown',
      choices: FORMATS,
      help: `${FORMATS.join(', ')} (default text; markdown is the pipeline issue's body)`,
    },
    output: {
      type: 'string',
      value: 'file',
      example: 'drift-report.markdown',
      help: 'write the report to a file instead of standard output',
    },
  },
  examples: [
    'npm run drift -- --env dev',
    'npm run drift -- --all --format markdown --output drift-report.markdown',
  ],
  run: ({ options }, io) => {
    const deployIo = { ...io, projectRoot: io.cwd };
    return runDriftReport(
      {
        environments: options.env,
        all: options.all,
        format: options.format ?? 'text',
        output: options.output,
      },
      {
        ...deployIo, // Synthesis and gate messages go to stderr: stdout carries only the report.
        synthesize: (envs) => synthesizeAndGate(envs, { ...deployIo, stdout: io.stderr }),
      },
    );
  },
});
