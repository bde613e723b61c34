/** `npm run db:bootstrap`: the bootstrap SQL run once through the RDS Data API. */
import type { BootstrapOptions } from '../../database-bootstrap/run';
import { runBootstrap } from '../../database-bootstrap/run';
import type { OptionValues } from '../args';
import { parseCommandLine } from '../args';
import { defineCommand } from '../contract';
import { ENVIRONMENT_OPTION } from './shared';

const OPTIONS = {
  env: ENVIRONMENT_OPTION,
  'dry-run': { type: 'boolean', help: 'print the statements it would run; call no AWS API' },
} as const;

function options(
  values: OptionValues<typeof OPTIONS>,
  env: Readonly<Record<string, string | undefined>>,
): BootstrapOptions {
  return {
    environment: values.env ?? env['ENVIRONMENT_SUFFIX'] ?? env['ENVIRONMENT'] ?? 'dev',
    dryRun: values['dry-run'],
  };
}

/** Parses a command line as the command does (for tests). */
export function parseDbBootstrapArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BootstrapOptions {
  return options(parseCommandLine(OPTIONS, argv).options, env);
}

export const dbBootstrapCommand = defineCommand({
  name: 'db:bootstrap',
  summary:
    "Creates the app's IAM-authenticated database user and the named administrators through the RDS Data API, as the bootstrap role (database.bootstrapPrincipalArns); idempotent, logged to logs/db-bootstrap/.",
  options: OPTIONS,
  examples: [
    'npm run db:bootstrap -- --env dev --dry-run',
    'npm run db:bootstrap -- --env staging',
  ],
  run: async ({ options: values }, io) => {
    await runBootstrap(options(values, io.env), { ...io, projectRoot: io.cwd });
    return 0;
  },
});
