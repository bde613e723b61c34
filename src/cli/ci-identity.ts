/** Entry point of `npm run ci-identity`; the command is declared in commands/ci-identity.ts. */
import { ciIdentityCommand } from './commands/ci-identity';
import { main } from './contract';

main(ciIdentityCommand);
