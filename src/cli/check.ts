/** Entry point of `npm run check`; the command is declared in commands/check.ts. */
import type * as SynthCommand from '../synth/command';
import { makeCheckCommand } from './commands/check';
import { main } from './contract';

main(
  makeCheckCommand({
    synthesize: (io) => {
      // Required only here: synthesis loads cdktn and the provider classes, which checking an
      // existing output does not need.
      // oxlint-disable-next-line typescript/no-require-imports
      const { runSynth } = require('../synth/command') as typeof SynthCommand;
      return runSynth({ names: [], all: false }, io).code;
    },
  }),
);
