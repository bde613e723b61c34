/** `npm run diff`: two synths compared per stack, with the gate's findings on each side. */
import type { DiffIo } from '../../review/diff/run';
import { runDiff } from '../../review/diff/run';
import { resolveEnvironments } from '../../config/environments';
import { UsageProblem } from '../../errors/problems';
import { defineCommand } from '../contract';
import { ACCOUNT_OPTION, ENVIRONMENTS_OPTION } from './shared';

export function makeDiffCommand(synthesizeAtRef: DiffIo['synthesizeAtRef']) {
  return defineCommand({
    name: 'diff',
    summary:
      'Compares two synthesized outputs (or a git ref with the working tree) per stack: what is added, changed, replaced or destroyed, and which findings appear or disappear. Exit status 1 when anything changed.',
    options: {
      env: {
        ...ENVIRONMENTS_OPTION,
        help: 'with --git: the environment to synthesize on both sides (repeatable; default dev)',
      },
      account: {
        ...ACCOUNT_OPTION,
        help: 'with --git: the account baseline of config/accounts/<name>.json instead of environments, so --write-moves records the moves of its stacks',
      },
      all: {
        type: 'boolean',
        help: 'with --git: every environment file in config/ (one that does not exist at <ref> shows as added)',
      },
      'changed-environments': {
        type: 'string',
        value: 'file',
        example: 'changed.json',
        help: 'also write the environments whose stack or findings changed to <file>, as JSON [{"environment","stack","profile"}] (what a pipeline plans)',
      },
      git: {
        type: 'string',
        value: 'ref',
        example: 'main',
        help: 'synthesize the same environment at <ref> and in the working tree, each into a scratch folder, and compare them',
      },
      'write-moves': {
        type: 'boolean',
        help: 'record the matched renames in moves/<stack>.json, which synthesis turns into Terraform moved blocks; ambiguous matches are listed and never written',
      },
      format: {
        type: 'string',
        value: 'format',
        example: 'markdown',
        choices: ['text', 'markdown'],
        help: 'text or markdown (default text)',
      },
    },
    positional: {
      name: '<before> <after>',
      help: 'two synthesized output folders (like cdktf.out)',
      max: 2,
    },
    examples: [
      'npm run diff -- before.out cdktf.out',
      'npm run diff -- --git main --format markdown',
      'npm run diff -- --git main --env prod --write-moves',
      'npm run diff -- --git main --account main --write-moves',
      'npm run diff -- --git origin/main --all --format markdown --changed-environments changed.json',
    ],
    run: ({ options, positionals }, io) => {
      if (options.all && options.env.length > 0)
        throw new UsageProblem('--all cannot be combined with --env');
      if (options.all && options.account !== undefined)
        throw new UsageProblem(
          '--account synthesizes the account baseline alone: it cannot be combined with --all',
        );
      if (options.all && options.git === undefined)
        throw new UsageProblem(
          '--all chooses what --git synthesizes; two folders are compared as they are. Example: npm run diff -- --git main --all',
        );
      const environments = options.all
        ? resolveEnvironments({
            projectRoot: io.cwd,
            env: io.env,
            names: [],
            all: true,
          }).environments.map((e) => e.name)
        : options.env;
      return runDiff(
        {
          folders: positionals.length === 2 ? [positionals[0]!, positionals[1]!] : undefined,
          gitRef: options.git,
          format: options.format ?? 'text',
          writeMoves: options['write-moves'] ?? false,
          today: io.today,
          environments,
          ...(options.account !== undefined ? { account: options.account } : {}),
          ...(options['changed-environments'] !== undefined
            ? { changedEnvironmentsFile: options['changed-environments'] }
            : {}),
        },
        { ...io, synthesizeAtRef },
      );
    },
  });
}
