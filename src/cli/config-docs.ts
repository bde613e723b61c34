/** Entry point of `npm run config:docs`; the command is declared in commands/config-docs.ts. */
import { configDocsCommand } from './commands/config-docs';
import { main } from './contract';

main(configDocsCommand);
