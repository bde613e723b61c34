import type { Command } from '../deploy/args';
import { parseCommandArgs, usage } from '../deploy/args';
import { runCommand } from '../deploy/commands';
import { DeployError, InputError, UsageError } from '../deploy/errors';
import { synthesizeAndGate } from '../deploy/synth';

/** `node dist/deploy/cli.js plan|deploy|destroy [flags]` (npm run plan, deploy, destroy). */
function main(): number {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'plan' && command !== 'deploy' && command !== 'destroy') {
    process.stderr.write('Usage: node dist/deploy/cli.js plan|deploy|destroy [flags]\n');
    return 2;
  }
  const io = {
    projectRoot: process.cwd(),
    env: process.env,
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  };
  try {
    const options = parseCommandArgs(command as Command, args);
    if (options === 'help') {
      io.stdout(`${usage(command)}\n`);
      return 0;
    }
    runCommand(options, { ...io, synthesize: (envs) => synthesizeAndGate(envs, io) });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${command}: ${error.message}\n${usage(command)}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`${command}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DeployError) {
      io.stderr(`${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
