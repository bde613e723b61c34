/**
 * `npm run check`: the compliance gate over the synthesized Terraform JSON. Bundled to
 * `dist/compliance/cli.js`; see `run.ts` for the logic and `--help` for the flags.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runGate, wantsColour } from './run';

function synthesize(): number {
  // dist/compliance/cli.js -> dist/main.js, the same program `npm run synth` runs.
  const result = spawnSync(process.execPath, [join(__dirname, '..', 'main.js')], {
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

try {
  process.exitCode = runGate(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    colour: wantsColour(process.stdout),
    synthesize,
    env: process.env,
  });
} catch (error) {
  // A bug in the gate itself: one line, and a distinct exit code.
  process.stderr.write(`compliance gate: internal error: ${(error as Error).message}\n`);
  process.exitCode = 3;
}
