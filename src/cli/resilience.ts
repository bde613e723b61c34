/** `npm run resilience`: the lose-one-AZ analysis of the synthesized stacks; see `run.ts`. */
import { runResilience } from '../resilience/run';

try {
  process.exitCode = runResilience(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  });
} catch (error) {
  process.stderr.write(`resilience: internal error: ${(error as Error).message}\n`);
  process.exitCode = 3;
}
