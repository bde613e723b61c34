import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// The real entry point, bundled as `npm run synth` bundles it, run in an empty folder.
const root = resolve(__dirname, '..');
const bundle = join(root, 'dist', 'test-main.js');

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    packages: 'external',
    logLevel: 'silent',
  });
});

function run(env: Record<string, string>, cwd = mkdtempSync(join(tmpdir(), 'payment-main-'))) {
  const result = spawnSync(process.execPath, [bundle], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { ...result, cwd };
}

describe('npm run synth entry point', () => {
  it('writes the stack to cdktf.out and leaves no staging folder', () => {
    const result = run({});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(join(result.cwd, 'cdktf.out/stacks/payment-dev/cdk.tf.json'))).toBe(true);
    expect(readdirSync(result.cwd)).toEqual(['cdktf.out']);
  });

  it('exits non-zero on bad input, names every problem, prints no stack trace and writes nothing', () => {
    const result = run({ ENVIRONMENT: 'qa', ENVIRONMENT_SUFFIX: 'Bad', AWS_REGION: 'moon-1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration (3 problems):');
    expect(result.stderr).toContain('ENVIRONMENT: "qa"');
    expect(result.stderr).toContain('ENVIRONMENT_SUFFIX: "Bad"');
    expect(result.stderr).toContain('AWS_REGION: "moon-1"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(result.cwd)).toEqual([]);
  });

  it('leaves an earlier output untouched when the new configuration is bad', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'payment-main-'));
    mkdirSync(join(cwd, 'cdktf.out'));
    writeFileSync(join(cwd, 'cdktf.out', 'marker'), 'previous run');
    writeFileSync(join(cwd, 'bad.json'), '{ "azCount": 9 }');
    const result = run({ CONFIG_FILE: 'bad.json' }, cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('azCount: 9 is outside 2-6');
    expect(readdirSync(join(cwd, 'cdktf.out'))).toEqual(['marker']);
  });
});
