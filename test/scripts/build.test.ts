import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A copy of the project (node_modules linked), so that editing its sources and rebuilding
// disturbs nobody else's dist/ or cdktf.out/.
const root = resolve(__dirname, '..', '..');
const copy = mkdtempSync(join(tmpdir(), 'payment-build-'));
for (const path of [
  'src',
  'scripts',
  'compliance',
  'config',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
])
  cpSync(join(root, path), join(copy, path), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const node = (...args: string[]) =>
  spawnSync(process.execPath, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
const stack = () => readFileSync(join(copy, 'cdktf.out/stacks/payment-dev/cdk.tf.json'), 'utf8');
const bundleTime = () => statSync(join(copy, 'dist', 'cli', 'synth.js')).mtimeMs;
const packagesTime = () => statSync(join(copy, 'dist', 'deps.js')).mtimeMs;

describe('npm run synth rebuilds the bundle only when an input changed', () => {
  it('builds on a fresh clone, skips the build when nothing changed, and rebuilds after an edit', () => {
    const cold = node('scripts/run.mjs', 'synth');
    expect(cold.stderr).toBe('');
    expect(cold.status).toBe(0);
    expect(stack()).toContain('"CostCenter": "Finance"');
    const built = bundleTime();
    const packagesBuilt = packagesTime();

    const warm = node('scripts/build.mjs');
    expect(warm.stdout).toContain('dist/ up to date (inputs unchanged');
    expect(bundleTime()).toBe(built);

    // An edit to a source file: the next synthesis carries it.
    const profiles = join(copy, 'src', 'config', 'profiles.ts');
    writeFileSync(
      profiles,
      readFileSync(profiles, 'utf8').replace("costCenter: 'Finance'", "costCenter: 'Treasury'"),
    );
    const edited = node('scripts/run.mjs', 'synth');
    expect(edited.status).toBe(0);
    expect(stack()).toContain('"CostCenter": "Treasury"');
    expect(bundleTime()).not.toBe(built);
    // The packages bundle stays: only the lock file or the set of imported modules rebuilds it.
    expect(packagesTime()).toBe(packagesBuilt);

    // The lock file is an input too (a dependency upgrade changes the bundle's imports).
    const lock = join(copy, 'package-lock.json');
    writeFileSync(lock, `${readFileSync(join(root, 'package-lock.json'), 'utf8')}\n`);
    expect(node('scripts/build.mjs').stdout).toContain('dist/ rebuilt');
    expect(packagesTime()).not.toBe(packagesBuilt);
    // Three builds (two with the packages bundle) and two syntheses in child processes: well
    // over the suite's default limit when the machine is busy.
  }, 120_000);

  it('reports a defect inside a construct as an internal error, and its src/ file and line with --debug', () => {
    const bucket = join(copy, 'src', 'constructs', 'storage', 'secure-bucket.ts');
    const original = readFileSync(bucket, 'utf8');
    writeFileSync(
      bucket,
      original.replace(
        /(constructor\(scope: Construct, id: string, props: SecureBucketProps\) \{\n\s*super\(scope, id\);)/,
        "$1\n    if (id !== 'never') throw new TypeError('probe defect');",
      ),
    );
    try {
      const plain = node('scripts/run.mjs', 'synth');
      expect(plain.status).toBe(3);
      expect(plain.stderr).toMatch(/^synth: internal error: probe defect/);
      expect(plain.stderr).toContain('Rerun with --debug for the stack trace.');
      expect(plain.stderr).not.toMatch(/\n\s+at /);
      const debug = node('scripts/run.mjs', 'synth', '--debug');
      expect(debug.status).toBe(3);
      expect(debug.stderr).toMatch(/src\/constructs\/storage\/secure-bucket\.ts:\d+:\d+/);
    } finally {
      writeFileSync(bucket, original);
    }
  }, 120_000);

  it('turns the module compile cache on where Node has it (22.1 and later)', () => {
    // Node 20 lacks module.enableCompileCache: a stand-in records the call.
    const spy = join(copy, 'compile-cache-spy.cjs');
    writeFileSync(
      spy,
      `require('node:module').enableCompileCache = () => require('node:fs').writeFileSync(${JSON.stringify(join(copy, 'called'))}, 'yes');`,
    );
    const result = node('--require', spy, 'scripts/run.mjs', 'db-bootstrap-sql');
    expect(result.status).toBe(0);
    expect(readFileSync(join(copy, 'called'), 'utf8')).toBe('yes');
  });

  it('refuses a name that is not an entry point', () => {
    const result = node('scripts/run.mjs', 'nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('run: "nope" is not an entry point (one of synth, check');
  });
});
