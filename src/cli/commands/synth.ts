/**
 * `npm run synth`, and `cdktf.json`'s `app` (so `cdktn synth` runs it too): resolve the
 * environments (src/config/environments.ts), synthesize (src/synth/), then run the compliance
 * gate in this process over exactly the stacks just written. The gate does not run when
 * synthesis fails.
 */
import { gateSynthesized } from '../../compliance/run';
import { CONFIG_DIR, runSynth, withOutputLock } from '../../synth/command';
import { defineCommand } from '../contract';
import { ACCOUNT_OPTION, ENVIRONMENT_OPTIONS, selectionOf } from './shared';

export const synthCommand = defineCommand({
  name: 'synth',
  summary: `Resolves the environments (${CONFIG_DIR}/<name>.json), or the account baseline (${CONFIG_DIR}/accounts/<name>.json), synthesizes the stack(s) to Terraform JSON and runs the compliance gate over what it wrote.`,
  options: {
    ...ENVIRONMENT_OPTIONS,
    account: ACCOUNT_OPTION,
  },
  examples: [
    'npm run synth -- --env dev',
    'npm run synth -- --env staging --env prod',
    'npm run synth -- --all',
    'npm run synth -- --env dev --ephemeral pr123',
    'npm run synth -- --account main',
  ],
  // Synthesis and the gate under one lock: the gate checks exactly the files this run wrote.
  run: ({ options }, io) =>
    withOutputLock(io, () => {
      const { code, result } = runSynth(
        {
          ...selectionOf(options),
          ...(options.account !== undefined ? { account: options.account } : {}),
        },
        io,
      );
      if (code !== 0 || !result) return code;
      return gateSynthesized(
        result,
        // The output exists: the gate has no reason to synthesize again.
        { ...io, synthesize: () => 1 },
        { verbose: io.verbose },
      );
    }),
});
