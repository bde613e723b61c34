/**
 * One writer at a time (issue 20, §6): the races reproduced with real processes. Each child
 * runs a bundle of src/synth/lock.ts (and src/synth/output.ts for the manifest race).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, LockTimeoutError, withLock } from '../../src/synth/lock';
import { scratchFolders } from '../helpers/scratch';

const root = resolve(__dirname, '..', '..');
const scratch = scratchFolders('payment-lock-');
let bundleDir: string;

beforeAll(async () => {
  bundleDir = scratch();
  const entry = join(bundleDir, 'entry.ts');
  writeFileSync(
    entry,
    `import { acquireLock, withLock } from ${JSON.stringify(join(root, 'src/synth/lock'))};
import { placeSynthesis } from ${JSON.stringify(join(root, 'src/synth/output'))};
const [mode, target, arg] = process.argv.slice(2);
if (mode === 'hold') {
  const release = acquireLock(target + '.lock', { timeoutMs: Number(arg), onWait: (m) => process.stderr.write(m) });
  process.stdout.write('acquired\\n');
  release();
} else if (mode === 'place') {
  withLock(target, () => placeSynthesis(arg, target), { onWait: () => undefined });
} else if (mode === 'churn') {
  for (let i = 0; i < Number(arg); i++) withLock(target, () => undefined, { onWait: () => undefined });
} else if (mode === 'place-unlocked') {
  placeSynthesis(arg, target);
}
`,
  );
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: join(bundleDir, 'child.js'),
    packages: 'external',
    absWorkingDir: root,
    logLevel: 'silent',
  });
});

function child(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, [join(bundleDir, 'child.js'), ...args], { cwd: root });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('close', (code) => done({ code, out, err }));
  });
}

describe('the output folder lock', () => {
  it('makes a second run wait, saying who holds it, and go on when it is released', async () => {
    const folder = join(scratch(), 'cdktf.out');
    const release = acquireLock(`${folder}.lock`, { command: 'npm run synth' });
    const waiting = child(['hold', folder, '10000']);
    await new Promise((r) => setTimeout(r, 700));
    release();
    const result = await waiting;
    expect(result.err).toContain(`Waiting for process ${process.pid}`);
    expect(result.err).toContain('npm run synth');
    expect(result.out).toBe('acquired\n');
    expect(result.code).toBe(0);
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it('refuses after the limit, naming the holder', async () => {
    const folder = join(scratch(), 'cdktf.out');
    const release = acquireLock(`${folder}.lock`, { command: 'npm run plan' });
    const result = await child(['hold', folder, '300']);
    release();
    expect(result.code).not.toBe(0);
    expect(result.err).toContain(`is held by process ${process.pid}`);
    expect(() => {
      const again = acquireLock(`${folder}.lock`);
      try {
        // Re-entrant in one process: a nested acquire does not wait for itself.
        withLock(folder, () => undefined, { timeoutMs: 10 });
      } finally {
        again();
      }
    }).not.toThrow();
  });

  it('recovers a stale lock left by a killed run', () => {
    const folder = join(scratch(), 'cdktf.out');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    mkdirSync(`${folder}.lock`, { recursive: true });
    writeFileSync(
      `${folder}.lock/owner.json`,
      JSON.stringify({
        pid: Number(dead.stdout),
        host: hostname(),
        command: 'npm run synth',
        since: '2026-12-06T00:00:00Z',
      }),
    );
    const messages: string[] = [];
    const release = acquireLock(`${folder}.lock`, {
      timeoutMs: 1000,
      onWait: (m) => messages.push(m),
    });
    release();
    expect(messages.join('')).toContain('Removed a stale lock');
  });

  it('a live holder that never lets go makes acquireLock throw a LockTimeoutError', () => {
    const folder = join(scratch(), 'cdktf.out');
    mkdirSync(`${folder}.lock`, { recursive: true });
    writeFileSync(
      `${folder}.lock/owner.json`,
      JSON.stringify({
        pid: process.ppid,
        host: hostname(),
        command: 'x',
        since: 'now',
      }),
    );
    expect(() => acquireLock(`${folder}.lock`, { timeoutMs: 200 })).toThrow(LockTimeoutError);
  });
});

describe('release', () => {
  it('never fails nor takes the next holder lock: six runs taking it 40 times each all succeed', async () => {
    // Removing the lock in place emptied it first; a waiting run's rename onto the empty folder
    // then succeeded and the removal failed with ENOTEMPTY (seen as a flaky exit 1).
    const folder = join(scratch(), 'cdktf.out');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => child(['churn', folder, '40'])),
    );
    expect(results.map((r) => `${r.code} ${r.err.trim()}`)).toEqual(Array(6).fill('0 '));
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });
});

describe('manifest.json never loses a stack', () => {
  it('eight runs placing eight stacks at once leave all eight listed', async () => {
    const dir = scratch();
    const outdir = join(dir, 'cdktf.out');
    const runs = Array.from({ length: 8 }, (_, i) => {
      const staging = join(dir, `staging-${i}`);
      const name = `payment-s${i}`;
      mkdirSync(join(staging, 'stacks', name), { recursive: true });
      writeFileSync(join(staging, 'stacks', name, 'cdk.tf.json'), '{}');
      writeFileSync(
        join(staging, 'manifest.json'),
        JSON.stringify({
          version: '0.24.0',
          stacks: {
            [name]: {
              name,
              workingDirectory: `stacks/${name}`,
              synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
            },
          },
        }),
      );
      return staging;
    });
    const results = await Promise.all(runs.map((staging) => child(['place', outdir, staging])));
    expect(results.map((r) => r.code)).toEqual(Array(8).fill(0));
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, unknown>;
    };
    expect(Object.keys(manifest.stacks).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `payment-s${i}`),
    );
  });
});
