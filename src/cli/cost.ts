/** Entry point of `npm run cost`; the command is declared in commands/cost.ts. */
import { costCommand } from './commands/cost';
import { main } from './contract';

main(costCommand);
