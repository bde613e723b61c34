/** `npm run diff`: two synths compared per stack, with the gate's findings on each side. */
import type { DiffIo } from '../../review/diff/run';
import { runDiff } from '../../review/diff/run';
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
    ],
    run: ({ options, positionals }, io) =>
      runDiff(
        {
          folders: positionals.length === 2 ? [positionals[0]!, positionals[1]!] : undefined,
          gitRef: options.git,
          format: options.format ?? 'text',
          writeMoves: options['write-moves'] ?? false,
          today: io.today,
          environments: options.env,
          ...(options.account !== undefined ? { account: options.account } : {}),
        },
        { ...io, synthesizeAtRef },
      ),
  });
}
