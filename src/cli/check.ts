/**
 * `npm run check`: the compliance gate over the synthesized Terraform JSON. Bundled to
 * `dist/compliance/cli.js`; see `run.ts` for the logic and `--help` for the flags.
 */
import type * as SynthCommand from '../synth/command';
import { runGate, wantsColour } from '../compliance/run';

const io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

/** `--synth`, or no output yet: synthesize in this process, as `npm run synth` does. */
function synthesize(): number {
  // Required only here: synthesis loads cdktn and the provider classes, which checking an
  // existing output does not need.
  // oxlint-disable-next-line typescript/no-require-imports
  const { runSynth } = require('../synth/command') as typeof SynthCommand;
  return runSynth([], io).code;
}

try {
  process.exitCode = runGate(process.argv.slice(2), {
    ...io,
    colour: wantsColour(process.stdout),
    synthesize,
  });
} catch (error) {
  // A bug in the gate itself: one line, and a distinct exit code.
  process.stderr.write(`compliance gate: internal error: ${(error as Error).message}\n`);
  process.exitCode = 3;
}
