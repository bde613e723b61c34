/**
 * The output folder every command of the project uses when none is given: `CDKTF_OUTDIR`
 * (the cdktn CLI sets it; users may too), then `output` in `cdktf.json`, then `cdktf.out`.
 * Synthesis and the compliance gate agree on it, so the gate never reads another folder
 * than the one just written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputProblem } from '../errors/problems';

export const DEFAULT_OUTDIR = 'cdktf.out';

export class OutdirError extends InputProblem {}

export function defaultOutdir(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const fromEnv = env['CDKTF_OUTDIR'];
  if (fromEnv) return fromEnv;
  const file = join(cwd, 'cdktf.json');
  if (!existsSync(file)) return DEFAULT_OUTDIR;
  let output: unknown;
  try {
    output = (JSON.parse(readFileSync(file, 'utf8')) as { output?: unknown }).output;
  } catch (error) {
    throw new OutdirError(`${file}: malformed JSON (${(error as Error).message})`);
  }
  if (output === undefined) return DEFAULT_OUTDIR;
  if (typeof output !== 'string' || output === '')
    throw new OutdirError(
      `${file}: "output" is ${JSON.stringify(output)}, not a folder name. Example: "output": "cdktf.out"`,
    );
  return output;
}
