/** One Terraform command of `npm run test:terraform`, run to the end with its output kept. */
import { spawnSync } from 'node:child_process';
import type { TerraformBinary } from '../terraform';

export function runTerraform(
  binary: TerraformBinary,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): { status: number; output: string; stdout: string } {
  const result = spawnSync(binary.command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...binary.env, ...env, TF_IN_AUTOMATION: '1', NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    status: result.status ?? 1,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
    stdout: result.stdout ?? '',
  };
}
