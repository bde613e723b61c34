/** Entry point of `npm run diff`; the command is declared in commands/diff.ts. */
import { realExec, synthesizeAtRef } from '../review/diff/git';
import { makeDiffCommand } from './commands/diff';
import { main } from './contract';

main(
  makeDiffCommand((ref, environments, account) =>
    synthesizeAtRef(process.cwd(), ref, process.env, realExec, environments, account),
  ),
);
