/**
 * `npm run env:migrate`: writes today's environment variables for one environment into
 * config/<name>.json (src/config/migrate.ts), so every command reads the same definition and
 * the next synthesis is byte-identical to the last one made from the variables.
 */
import { migrateEnvironment } from '../../config/migrate';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

export const envMigrateCommand = defineCommand({
  name: 'env:migrate',
  summary:
    "Writes ENVIRONMENT, AWS_REGION, ALLOWED_ACCOUNT_IDS, TERRAFORM_STATE_* and CONFIG_FILE's keys into config/<name>.json (name: --env, else ENVIRONMENT_SUFFIX, else ENVIRONMENT, else dev); refuses, writing nothing, when a variable disagrees with the file.",
  options: {
    env: ENVIRONMENT_OPTION,
    'dry-run': { type: 'boolean', help: 'print what it would write; write nothing' },
  },
  examples: [
    'ENVIRONMENT=staging ENVIRONMENT_SUFFIX=staging-eu AWS_REGION=eu-west-1 npm run env:migrate',
    'npm run env:migrate -- --env pr123 --dry-run',
  ],
  run: ({ options }, io) => {
    const migration = migrateEnvironment({
      projectRoot: io.cwd,
      env: io.env,
      ...(options.env !== undefined ? { name: options.env } : {}),
      dryRun: options['dry-run'],
    });
    const verb = options['dry-run'] ? 'Would write' : 'Wrote';
    io.stdout(
      `${verb} ${migration.file}:\n${migration.moved.map((m) => `  ${m}\n`).join('') || '  (nothing to move)\n'}`,
    );
    if (migration.kept.length > 0)
      io.stdout(
        `Still read from the environment (overrides, printed by every command): ${migration.kept.join(', ')}\n`,
      );
    io.stdout(
      `Unset the moved variables, then: npm run synth -- --env ${migration.name} (the synthesized JSON is unchanged).\n`,
    );
    return 0;
  },
});
