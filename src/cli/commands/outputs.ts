/** `npm run outputs`: `terraform output -json` to cfn-outputs/flat-outputs.json. */
import { writeFlatOutputs } from '../../outputs/flat-outputs';
import { defineCommand } from '../contract';

const DEFAULT_TARGET = 'cfn-outputs/flat-outputs.json';

export const outputsCommand = defineCommand({
  name: 'outputs',
  summary: `Writes the non-sensitive outputs of \`terraform output -json\` (a file, or standard input) as one flat JSON object to ${DEFAULT_TARGET} (FLAT_OUTPUTS_FILE overrides).`,
  options: {
    stack: {
      type: 'string',
      value: 'stack',
      example: 'payment-dev',
      pattern: { regex: /^[a-z][a-z0-9-]*$/, rule: 'is not a stack name' },
      help: 'the stack the outputs belong to, recorded in the file (npm run verify requires it)',
    },
  },
  positional: { name: '<terraform-output.json>', help: 'the file (default: standard input)' },
  examples: [
    'terraform -chdir=cdktf.out/stacks/payment-dev output -json | npm run --silent outputs -- --stack payment-dev',
  ],
  run: ({ options, positionals }, io) => {
    const target = io.env['FLAT_OUTPUTS_FILE'] ?? DEFAULT_TARGET;
    const stack = options.stack;
    const count = writeFlatOutputs(
      { source: positionals[0], target, ...(stack ? { stack } : {}) },
      io.cwd,
    );
    io.stdout(`Wrote ${count} outputs to ${target}\n`);
    return 0;
  },
});
