/** `npm run rehearse`: plan, deploy, verify, plan again and destroy against a local AWS emulator. */
import { rehearse } from '../../rehearsal/run';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const rehearseCommand = defineCommand({
  name: 'rehearse',
  summary:
    "Rehearses the whole deploy path (plan, deploy, verify, a second plan, destroy) against a local AWS emulator (moto_server, started on 127.0.0.1), for an environment derived from the committed one: the emulator's account, an imported certificate, its own state. Never reaches AWS. SKIPPED, saying so, where moto_server is not installed. docs/rehearsal.md says what it proves and what it cannot.",
  options: {
    env: { ...ENVIRONMENT_OPTION, multiple: true },
    all: { type: 'boolean', help: 'every environment in config/' },
    project: {
      type: 'string',
      value: 'folder',
      example: 'examples/staging-eu-west-1',
      help: "take the environment files from <folder>/config/ (an example's, say) instead of the project's",
    },
  },
  examples: [
    'npm run rehearse -- --env dev',
    'TERRAFORM_TEST_MIRROR=/opt/tf-plugins npm run rehearse -- --all',
  ],
  run: ({ options }, io) =>
    rehearse(
      {
        environments: options.env,
        all: options.all,
        ...(options.project ? { project: options.project } : {}),
      },
      io,
    ),
});
