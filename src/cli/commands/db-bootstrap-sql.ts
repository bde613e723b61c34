/**
 * `npm run db:bootstrap-sql`: the bootstrap SQL for the configured database, validated exactly
 * as `npm run synth` validates (same environment, same CONFIG_FILE), so the SQL always names
 * the configured database and users.
 */
import { loadConfig } from '../../config/load';
import { bootstrapCommand, bootstrapSql } from '../../database-bootstrap/sql';
import { stackName } from '../../stacks/payment-stack';
import { defineCommand } from '../contract';

export const dbBootstrapSqlCommand = defineCommand({
  name: 'db:bootstrap-sql',
  summary:
    'Prints the database bootstrap SQL (application user, named admin users, grants) for the configured environment on standard output; it sends nothing anywhere.',
  options: {
    command: { type: 'boolean', help: "print the operator's shell command instead of the SQL" },
  },
  examples: ['npm run --silent db:bootstrap-sql > bootstrap.sql'],
  run: ({ options }, io) => {
    const { database, suffix } = loadConfig(io.env);
    io.stdout(
      options.command
        ? `${bootstrapCommand(database, `cdktf.out/stacks/${stackName(suffix)}`)}\n`
        : bootstrapSql(database),
    );
    return 0;
  },
});
