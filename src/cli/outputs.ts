/** Entry point of `npm run outputs`; the command is declared in commands/outputs.ts. */
import { outputsCommand } from './commands/outputs';
import { main } from './contract';

main(outputsCommand);
