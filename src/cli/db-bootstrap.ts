/** Entry point of `npm run db:bootstrap`; the command is declared in commands/db-bootstrap.ts. */
import { dbBootstrapCommand } from './commands/db-bootstrap';
import { main } from './contract';

main(dbBootstrapCommand);
