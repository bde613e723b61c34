import { bootstrap, BOOTSTRAP_USAGE, parseBootstrapArgs } from '../deploy/bootstrap';
import { DeployError, UsageError } from '../deploy/errors';

/** `npm run bootstrap -- --region <region> [--apply]`. */
async function main(): Promise<number> {
  const io = {
    projectRoot: process.cwd(),
    env: process.env,
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
    synthesize: () => [],
  };
  try {
    const options = parseBootstrapArgs(process.argv.slice(2));
    if (options === 'help') {
      io.stdout(`${BOOTSTRAP_USAGE}\n`);
      return 0;
    }
    await bootstrap(options, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bootstrap: ${error.message}\n${BOOTSTRAP_USAGE}\n`);
      return 2;
    }
    if (error instanceof DeployError) {
      io.stderr(`bootstrap: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
