import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TerraformOutputValue } from '../outputs/flat-outputs';
import { flattenOutputs } from '../outputs/flat-outputs';

/**
 * `npm run outputs -- <terraform-output.json>` (or stdin): writes cfn-outputs/flat-outputs.json.
 * Typical use after a deploy:
 *   terraform -chdir=cdktf.out/stacks/payment-dev output -json | npm run --silent outputs
 */
function main(): number {
  const source = process.argv[2];
  const target = process.env.FLAT_OUTPUTS_FILE ?? 'cfn-outputs/flat-outputs.json';
  try {
    const text = readFileSync(source ?? 0, 'utf8');
    const flat = flattenOutputs(JSON.parse(text) as Record<string, TerraformOutputValue>);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(flat, null, 2)}\n`);
    process.stdout.write(`Wrote ${Object.keys(flat).length} outputs to ${target}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Cannot write ${target}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
