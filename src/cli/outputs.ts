import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { withStackIdentity } from '../deploy/commands';
import type { TerraformOutputValue } from '../outputs/flat-outputs';
import { flattenOutputs } from '../outputs/flat-outputs';

/**
 * `npm run outputs -- [--stack <stack>] [<terraform-output.json>]` (or stdin): writes
 * cfn-outputs/flat-outputs.json. `--stack` records which stack the outputs belong to, which
 * `npm run verify` requires. Typical use after a deploy by hand:
 *   terraform -chdir=cdktf.out/stacks/payment-dev output -json | npm run --silent outputs -- --stack payment-dev
 */
function main(): number {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--stack' || a.startsWith('--stack='));
  let stack: string | undefined;
  if (at >= 0) {
    const arg = args[at]!;
    stack = arg.includes('=') ? arg.slice('--stack='.length) : args[at + 1];
    args.splice(at, arg.includes('=') ? 1 : 2);
    if (!stack || !/^[a-z][a-z0-9-]*$/.test(stack)) {
      process.stderr.write(
        `outputs: --stack "${stack ?? ''}" is not a stack name. Example: --stack payment-dev\n`,
      );
      return 2;
    }
  }
  const source = args[0];
  const target = process.env.FLAT_OUTPUTS_FILE ?? 'cfn-outputs/flat-outputs.json';
  try {
    const text = readFileSync(source ?? 0, 'utf8');
    const flat = flattenOutputs(JSON.parse(text) as Record<string, TerraformOutputValue>);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      `${JSON.stringify(stack ? withStackIdentity(flat, stack) : flat, null, 2)}\n`,
    );
    process.stdout.write(`Wrote ${Object.keys(flat).length} outputs to ${target}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Cannot write ${target}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
