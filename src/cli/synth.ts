/** Entry point of `npm run synth`; the command is declared in commands/synth.ts. */
import { synthCommand } from './commands/synth';
import { main } from './contract';

main(synthCommand);
