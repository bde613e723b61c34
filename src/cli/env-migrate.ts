/**
 * `npm run env:migrate [-- --env <name>] [--dry-run]`: writes today's environment variables
 * for one environment into config/<name>.json (src/config/migrate.ts), so that every command
 * reads the same definition. Exit 0 written, 2 bad input (nothing written).
 */
import { parseArgs } from 'node:util';
import { MigrationError, migrateEnvironment } from '../config/migrate';

const USAGE = `Usage: npm run env:migrate -- [--env <name>] [--dry-run]
  writes ENVIRONMENT, AWS_REGION, ALLOWED_ACCOUNT_IDS, TERRAFORM_STATE_* and CONFIG_FILE's keys
  into config/<name>.json (name: --env, else ENVIRONMENT_SUFFIX, else ENVIRONMENT, else dev)`;

function main(): number {
  let values;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: {
        env: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`env:migrate: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const migration = migrateEnvironment({
      projectRoot: process.cwd(),
      env: process.env,
      ...(values.env !== undefined ? { name: values.env } : {}),
      dryRun: values['dry-run'] ?? false,
    });
    const verb = values['dry-run'] ? 'Would write' : 'Wrote';
    process.stdout.write(
      `${verb} ${migration.file}:\n${migration.moved.map((m) => `  ${m}\n`).join('') || '  (nothing to move)\n'}`,
    );
    if (migration.kept.length > 0)
      process.stdout.write(
        `Still read from the environment (overrides, printed by every command): ${migration.kept.join(', ')}\n`,
      );
    process.stdout.write(
      `Unset the moved variables, then: npm run synth -- --env ${migration.name} (the synthesized JSON is unchanged).\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      process.stderr.write(`env:migrate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main();
