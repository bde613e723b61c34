/**
 * `npm run db:bootstrap-sql`: the bootstrap SQL for the configured database, validated exactly
 * as `npm run synth` resolves it (src/config/environments.ts), so the SQL always names the
 * configured database and users.
 */
import { resolveEnvironments } from '../../config/environments';
import { bootstrapCommand, bootstrapSql } from '../../database-bootstrap/sql';
import { stackName } from '../../stacks/payment-stack';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const dbBootstrapSqlCommand = defineCommand({
  name: 'db:bootstrap-sql',
  summary:
    'Prints the database bootstrap SQL (application user, named admin users, grants) for the configured environment on standard output; it sends nothing anywhere.',
  options: {
    env: ENVIRONMENT_OPTION,
    command: { type: 'boolean', help: "print the operator's shell command instead of the SQL" },
  },
  examples: ['npm run --silent db:bootstrap-sql -- --env staging > bootstrap.sql'],
  run: ({ options }, io) => {
    const [environment] = resolveEnvironments({
      projectRoot: io.cwd,
      env: io.env,
      names: options.env !== undefined ? [options.env] : [],
      all: false,
    }).environments;
    const { database, suffix } = environment!.config;
    io.stdout(
      options.command
        ? `${bootstrapCommand(database, `cdktf.out/stacks/${stackName(suffix)}`)}\n`
        : bootstrapSql(database),
    );
    return 0;
  },
});
