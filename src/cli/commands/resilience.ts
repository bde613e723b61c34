/** `npm run resilience`: the lose-one-AZ analysis of the synthesized stacks. */
import { RESILIENCE_FORMATS, runResilience } from '../../resilience/run';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTIONS, OUTPUT_FOLDER_OPTION, STACK_OPTION, selectionOf } from './shared';
import { selectedStackNames } from '../../config/environments';

export const resilienceCommand = defineCommand({
  name: 'resilience',
  summary:
    'Simulates losing each Availability Zone (and each NAT gateway) over the synthesized stacks; prod must keep every tier serving.',
  options: {
    dir: OUTPUT_FOLDER_OPTION,
    stack: STACK_OPTION,
    ...ENVIRONMENT_OPTIONS,
    format: {
      type: 'string',
      value: 'format',
      example: 'markdown',
      choices: RESILIENCE_FORMATS,
      help: `${RESILIENCE_FORMATS.join(', ')} (default table)`,
    },
    output: {
      type: 'string',
      value: 'file',
      example: 'resilience.md',
      help: 'write the report to a file instead of standard output',
    },
  },
  examples: ['npm run resilience', 'npm run resilience -- --verbose --stack payment-prod'],
  run: ({ options }, io) =>
    runResilience(
      {
        dir: options.dir,
        stacks: [
          ...options.stack,
          ...(selectedStackNames(selectionOf(options), io.cwd, io.env) ?? []),
        ],
        format: options.format ?? 'table',
        output: options.output,
        verbose: io.verbose,
      },
      io,
    ),
});
