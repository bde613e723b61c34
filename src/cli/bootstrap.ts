/** Entry point of `npm run bootstrap`; the command is declared in commands/bootstrap.ts. */
import { bootstrapCommand } from './commands/bootstrap';
import { main } from './contract';

main(bootstrapCommand);
