/** Entry point of `npm run test:terraform`; declared in commands/test-terraform.ts. */
import { testTerraformCommand } from './commands/test-terraform';
import { main } from './contract';

main(testTerraformCommand);
