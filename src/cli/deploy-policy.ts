/** Entry point of `npm run deploy-policy`; the command is declared in commands/deploy-policy.ts. */
import { deployPolicyCommand } from './commands/deploy-policy';
import { main } from './contract';

main(deployPolicyCommand);
