/** Entry point of `npm run diagram`; the command is declared in commands/diagram.ts. */
import { diagramCommand } from './commands/diagram';
import { main } from './contract';

main(diagramCommand);
