/**
 * Entry point of `npm run plan`, `npm run deploy` and `npm run destroy` (one bundle, the
 * command named first); the commands are declared in commands/deploy.ts.
 */
import { deployCommand, destroyCommand, planCommand } from './commands/deploy';
import { main } from './contract';

const [name, ...argv] = process.argv.slice(2);
const command = { plan: planCommand, deploy: deployCommand, destroy: destroyCommand }[name ?? ''];
if (command) main(command, argv);
else {
  process.stderr.write(
    `deploy: the first argument is plan, deploy or destroy, not "${name ?? ''}" (npm run plan, deploy, destroy pass it)\n`,
  );
  process.exitCode = 2;
}
