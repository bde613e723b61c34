/**
 * The one entry point of `npm run synth` and of `cdktf.json`'s `app` (so `cdktn synth` and
 * `cdktn deploy` run it too): validate, synthesize (`src/synth/`), then run the compliance
 * gate in this process over exactly the stacks just written. The gate does not run when
 * synthesis fails. Exit code: synthesis's when it fails, else the gate's.
 */
import { gateSynthesized, wantsColour } from '../compliance/run';
import { runSynth } from '../synth/command';

function main(): number {
  const io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
  };
  const { code, result } = runSynth(process.argv.slice(2), io);
  if (code !== 0 || !result) return code;
  return gateSynthesized(result, {
    ...io,
    colour: wantsColour(process.stdout),
    // The output exists: the gate has no reason to synthesize again.
    synthesize: () => 1,
  });
}

try {
  process.exitCode = main();
} catch (error) {
  // A bug, not bad input: one line and the gate's internal-error code, never a stack trace.
  process.stderr.write(`synth: internal error: ${(error as Error).message}\n`);
  process.exitCode = 3;
}
