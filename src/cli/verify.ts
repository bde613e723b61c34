import { DeployError, UsageError } from '../deploy/errors';
import { parseVerifyArgs, verify, VERIFY_USAGE } from '../verify/verify';

/** `npm run verify -- --env <name>`: post-deploy smoke tests of a live environment. */
async function main(): Promise<number> {
  try {
    const name = parseVerifyArgs(process.argv.slice(2), process.env);
    if (name === 'help') {
      process.stdout.write(`${VERIFY_USAGE}\n`);
      return 0;
    }
    const ok = await verify(name, {
      projectRoot: process.cwd(),
      env: process.env,
      stdout: (t) => process.stdout.write(t),
    });
    return ok ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`verify: ${error.message}\n${VERIFY_USAGE}\n`);
      return 2;
    }
    if (error instanceof DeployError) {
      process.stderr.write(`verify: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
