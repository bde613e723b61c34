/** Entry point of `npm run verify`; the command is declared in commands/verify.ts. */
import { verifyCommand } from './commands/verify';
import { main } from './contract';

main(verifyCommand);
