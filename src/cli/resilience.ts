/** Entry point of `npm run resilience`; the command is declared in commands/resilience.ts. */
import { resilienceCommand } from './commands/resilience';
import { main } from './contract';

main(resilienceCommand);
