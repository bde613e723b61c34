/**
 * `--git <ref>`: the same environment synthesized at another commit and in the working tree,
 * each into its own scratch folder. The commit's files come from `git archive` (no checkout,
 * no change to the repository or its worktrees), built with this project's node_modules.
 * The user's cdktf.out, state and plans are never touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../tfjson/graph';

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: Buffer | string;
  readonly stderr: Buffer | string;
}

/** Runs a command (tests pass a fake that records what it was asked). */
export type Exec = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: Buffer },
) => CommandResult;

export const realExec: Exec = (command, args, options) =>
  spawnSync(command, args, { ...options, maxBuffer: 512 * 1024 * 1024 });

export function synthesizeAtRef(
  root: string,
  ref: string,
  env: NodeJS.ProcessEnv,
  exec: Exec = realExec,
): { before: string; after: string; cleanup: () => void } {
  const check = exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: root,
    env,
  });
  if (check.status !== 0) {
    throw new InputError(
      `--git "${ref}" is not a commit in this repository. Example: --git main or --git HEAD~1`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'payment-diff-'));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const source = join(scratch, 'source');
    mkdirSync(source);
    const archive = exec('git', ['archive', '--format=tar', ref], { cwd: root, env });
    if (archive.status !== 0)
      throw new InputError(`git archive ${ref} failed: ${String(archive.stderr).trim()}`);
    const untar = exec('tar', ['-x', '-C', source], {
      cwd: root,
      env,
      input: Buffer.from(archive.stdout),
    });
    if (untar.status !== 0)
      throw new InputError(`unpacking ${ref} failed: ${String(untar.stderr).trim()}`);
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    // A relative CONFIG_FILE names a file of the working tree: both sides read that one.
    const config = env.CONFIG_FILE;
    const synthEnv = {
      ...env,
      ...(config ? { CONFIG_FILE: isAbsolute(config) ? config : resolve(root, config) } : {}),
    };
    const before = join(scratch, 'before');
    const after = join(scratch, 'after');
    // A commit with scripts/run.mjs builds and synthesizes in one process, with the entry its
    // cdktf.json names (`synth`; `main` before the entry points moved to src/cli/); older ones
    // build with `scripts/build.mjs main`, then run dist/main.js. The working tree's dist/ is
    // current: `npm run diff` rebuilt it.
    const atRef: Array<[string, string[], NodeJS.ProcessEnv]> = existsSync(
      join(source, 'scripts', 'run.mjs'),
    )
      ? [
          [
            process.execPath,
            ['scripts/run.mjs', synthEntryAt(source)],
            { ...synthEnv, CDKTF_OUTDIR: before },
          ],
        ]
      : [
          [process.execPath, ['scripts/build.mjs', 'main'], env],
          [process.execPath, ['dist/main.js'], { ...synthEnv, CDKTF_OUTDIR: before }],
        ];
    const steps: Array<[string, string[], string, NodeJS.ProcessEnv]> = [
      ...atRef.map(([c, a, e]): [string, string[], string, NodeJS.ProcessEnv] => [c, a, source, e]),
      [process.execPath, ['dist/cli/synth.js'], root, { ...synthEnv, CDKTF_OUTDIR: after }],
    ];
    for (const [command, args, cwd, stepEnv] of steps) {
      const result = exec(command, args, { cwd, env: stepEnv });
      // Synthesis exits 1 also when the gate fails on what it wrote: the diff reports those
      // findings itself, so a written output counts.
      const outdir = stepEnv.CDKTF_OUTDIR;
      const written = outdir !== undefined && existsSync(join(outdir, 'manifest.json'));
      if (result.status !== 0 && !written) {
        const where = cwd === source ? `at ${ref}` : 'in the working tree';
        throw new InputError(
          `synthesis ${where} failed:\n${String(result.stderr).trim() || String(result.stdout).trim()}`,
        );
      }
    }
    return { before, after, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * The synthesis entry point of a checkout: the one its cdktf.json runs through
 * scripts/run.mjs (`node scripts/run.mjs synth`), or `main`, the name it had before.
 */
function synthEntryAt(source: string): string {
  try {
    const app = (JSON.parse(readFileSync(join(source, 'cdktf.json'), 'utf8')) as { app?: unknown })
      .app;
    const entry =
      typeof app === 'string' ? /^node scripts\/run\.mjs (\S+)$/.exec(app)?.[1] : undefined;
    return entry ?? 'main';
  } catch {
    return 'main';
  }
}
