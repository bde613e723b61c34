/** `npm run diagram`: an SVG and a Mermaid file per synthesized stack. */
import { runDiagram } from '../../review/diagram/run';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTIONS, OUTPUT_FOLDER_OPTION, STACK_OPTION, selectionOf } from './shared';
import { selectedStackNames } from '../../config/environments';

export const diagramCommand = defineCommand({
  name: 'diagram',
  summary:
    'Draws the architecture of each synthesized stack: architecture-<env>.svg (with AWS icons) and architecture-<env>.md (Mermaid).',
  options: {
    dir: OUTPUT_FOLDER_OPTION,
    stack: STACK_OPTION,
    ...ENVIRONMENT_OPTIONS,
    out: {
      type: 'string',
      value: 'folder',
      example: 'docs',
      help: 'where to write architecture-<env>.svg and .md (default docs)',
    },
  },
  examples: ['npm run diagram', 'npm run diagram -- --stack payment-prod --out review'],
  run: ({ options }, io) =>
    runDiagram(
      {
        dir: options.dir,
        stacks: [
          ...options.stack,
          ...(selectedStackNames(selectionOf(options), io.cwd, io.env) ?? []),
        ],
        out: options.out ?? 'docs',
      },
      io,
    ),
});
