import { DeployError, InputError, UsageError } from '../deploy/errors';
import { BOOTSTRAP_USAGE, parseBootstrapArgs, runBootstrap } from '../database-bootstrap/run';

/** `npm run db:bootstrap -- --env <name> [--dry-run]`. */
async function main(): Promise<number> {
  try {
    const options = parseBootstrapArgs(process.argv.slice(2), process.env);
    if (options === 'help') {
      process.stdout.write(`${BOOTSTRAP_USAGE}\n`);
      return 0;
    }
    await runBootstrap(options, {
      projectRoot: process.cwd(),
      env: process.env,
      stdout: (t) => process.stdout.write(t),
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`db:bootstrap: ${error.message}\n${BOOTSTRAP_USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof DeployError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // An unexpected failure (a bug): still one line, no stack trace for the operator.
    process.stderr.write(
      `db:bootstrap failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
