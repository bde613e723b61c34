/** Entry point of `npm run rehearse`; the command is declared in commands/rehearse.ts. */
import { rehearseCommand } from './commands/rehearse';
import { main } from './contract';

main(rehearseCommand);
