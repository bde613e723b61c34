import { ConfigError } from '../config/errors';
import { loadConfig } from '../config/load';
import { bootstrapCommand, bootstrapSql } from '../database-bootstrap/sql';
import { stackName } from '../stacks/payment-stack';

/**
 * Entry point of `npm run db:bootstrap-sql`: validates the configuration exactly as
 * `npm run synth` does (same environment, same CONFIG_FILE) and prints the bootstrap SQL for
 * it on stdout, so the SQL always names the configured database and user. With `--command`
 * it prints the operator's shell command instead.
 */
function main(argv: readonly string[]): number {
  try {
    const { database, suffix } = loadConfig(process.env);
    const text = argv.includes('--command')
      ? `${bootstrapCommand(database, `cdktf.out/stacks/${stackName(suffix)}`)}\n`
      : bootstrapSql(database);
    process.stdout.write(text);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
