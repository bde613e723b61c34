/** Options several commands share, declared once so they read the same everywhere. */
import type { StringOption } from '../args';

/** `--dir`: the synthesized output a reading command reads. */
export const OUTPUT_FOLDER_OPTION = {
  type: 'string',
  value: 'folder',
  example: 'cdktf.out',
  help: 'synthesized output (default: CDKTF_OUTDIR, else "output" in cdktf.json, else cdktf.out)',
} as const satisfies StringOption;

/** `--stack`: only these stacks of the output. */
export const STACK_OPTION = {
  type: 'string',
  value: 'name',
  example: 'payment-dev',
  multiple: true,
  help: 'only this stack (default every stack)',
} as const satisfies StringOption;

/** `--env`: one environment, by the name of its file in config/ (or a suffix such as pr123). */
export const ENVIRONMENT_OPTION = {
  type: 'string',
  value: 'name',
  example: 'dev',
  pattern: {
    regex: /^[a-z][a-z0-9-]{0,19}$/,
    rule: 'is not an environment name (lowercase letters, digits and -, starting with a letter, at most 20)',
  },
  help: 'environment (dev, staging, prod, or a suffix such as pr123)',
} as const satisfies StringOption;
