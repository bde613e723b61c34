/** Entry point of `npm run drift`; the command is declared in commands/drift.ts. */
import { driftCommand } from './commands/drift';
import { main } from './contract';

main(driftCommand);
