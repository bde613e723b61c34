/** Entry point of `npm run diagram`. */
import { runDiagram } from '../review/diagram/run';

runDiagram(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`diagram: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
