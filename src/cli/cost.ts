/** `npm run cost`: the offline monthly estimate of the synthesized stacks; see `run.ts`. */
import { runCost } from '../cost/run';

try {
  process.exitCode = runCost(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    today: new Date().toISOString().slice(0, 10),
  });
} catch (error) {
  process.stderr.write(`cost: internal error: ${(error as Error).message}\n`);
  process.exitCode = 3;
}
