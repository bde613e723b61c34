/** Entry point of `npm run diff`. */
import { InputError } from '../tfjson/graph';
import { synthesizeAtRef } from '../review/diff/git';
import { runDiff } from '../review/diff/run';

try {
  process.exitCode = runDiff(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    synthesizeAtRef: (ref) => synthesizeAtRef(process.cwd(), ref, process.env),
  });
} catch (error) {
  process.stderr.write(
    `diff: ${error instanceof InputError ? '' : 'internal error: '}${(error as Error).message}\n`,
  );
  process.exitCode = 2;
}
