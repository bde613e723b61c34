/**
 * `npm run synth`, and `cdktf.json`'s `app` (so `cdktn synth` runs it too): validate,
 * synthesize (src/synth/), then run the compliance gate in this process over exactly the
 * stacks just written. The gate does not run when synthesis fails.
 */
import { gateSynthesized } from '../../compliance/run';
import { PROFILE_NAMES } from '../../config/profiles';
import { CONFIG_DIR, runSynth } from '../../synth/command';
import { defineCommand } from '../contract';

export const synthCommand = defineCommand({
  name: 'synth',
  summary:
    'Validates the configuration, synthesizes the stack(s) to Terraform JSON and runs the compliance gate over what it wrote.',
  options: {
    all: {
      type: 'boolean',
      help: `every environment (${PROFILE_NAMES.join(', ')}), each from ${CONFIG_DIR}/<environment>.json`,
    },
    account: {
      type: 'string',
      value: '<name>',
      help: `the account baseline of ${CONFIG_DIR}/accounts/<name>.json instead (docs/account-baseline.md)`,
      example: 'main',
    },
  },
  examples: [
    'npm run synth',
    'npm run synth -- --all',
    'npm run synth -- --account main',
    'ENVIRONMENT=prod CONFIG_FILE=config/prod.json npm run synth',
  ],
  run: ({ options }, io) => {
    const { code, result } = runSynth(
      { all: options.all, ...(options.account !== undefined ? { account: options.account } : {}) },
      io,
    );
    if (code !== 0 || !result) return code;
    return gateSynthesized(
      result,
      // The output exists: the gate has no reason to synthesize again.
      { ...io, synthesize: () => 1 },
      { verbose: io.verbose },
    );
  },
});
