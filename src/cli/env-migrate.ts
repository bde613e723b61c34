/** Entry point of `npm run env:migrate`; the command is declared in commands/env-migrate.ts. */
import { envMigrateCommand } from './commands/env-migrate';
import { main } from './contract';

main(envMigrateCommand);
