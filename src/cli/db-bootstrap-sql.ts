import { ConfigError } from '../config/errors';
import {
  EnvironmentFileError,
  EnvironmentSelectionError,
  resolveEnvironments,
} from '../config/environments';
import { bootstrapCommand, bootstrapSql } from '../database-bootstrap/sql';
import { stackName } from '../stacks/payment-stack';

/**
 * Entry point of `npm run db:bootstrap-sql [-- --env <name>] [--command]`: resolves the
 * environment exactly as `npm run synth` does (src/config/environments.ts) and prints the
 * bootstrap SQL for it on stdout, so the SQL always names the configured database and user.
 * With `--command` it prints the operator's shell command instead.
 */
function main(argv: readonly string[]): number {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--env') names.push(argv[++i] ?? '');
    else if (arg.startsWith('--env=')) names.push(arg.slice('--env='.length));
  }
  try {
    const [environment] = resolveEnvironments({
      projectRoot: process.cwd(),
      env: process.env,
      names,
      all: false,
    }).environments;
    const { database, suffix } = environment!.config;
    const text = argv.includes('--command')
      ? `${bootstrapCommand(database, `cdktf.out/stacks/${stackName(suffix)}`)}\n`
      : bootstrapSql(database);
    process.stdout.write(text);
    return 0;
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof EnvironmentSelectionError ||
      error instanceof EnvironmentFileError
    ) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
