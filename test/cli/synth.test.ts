import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { mutated, ref, res } from '../fixtures/compliant-stack';
import { scratchFolders } from '../helpers/scratch';

// The real entry point, bundled as `npm run synth` bundles it, run in an empty folder.
const root = resolve(__dirname, '..', '..');
const bundle = join(root, 'dist', 'test-main.js');

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'src/cli/synth.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    packages: 'external',
    logLevel: 'silent',
  });
});

/** An empty folder to run the entry point in, removed after the tests. */
const emptyFolder = scratchFolders('payment-main-');

/** A folder holding dev's environment file. */
function devFolder(): string {
  const cwd = emptyFolder();
  mkdirSync(join(cwd, 'config'));
  writeFileSync(join(cwd, 'config', 'dev.json'), '{ "region": "us-east-1" }');
  return cwd;
}

/** A folder holding what the gate reads from the project: its suppressions file. */
function projectFolder(): string {
  const cwd = devFolder();
  cpSync(
    join(root, 'compliance', 'suppressions.json'),
    join(cwd, 'compliance', 'suppressions.json'),
  );
  return cwd;
}

function run(env: Record<string, string>, cwd = emptyFolder()) {
  const result = spawnSync(process.execPath, [bundle], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { ...result, cwd };
}

describe('npm run synth entry point', () => {
  it("is cdktf.json's app too, so cdktn synth and deploy run the gate", () => {
    const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
    expect(read('cdktf.json').app).toBe('node scripts/run.mjs synth');
    expect(read('package.json').scripts.synth).toBe(read('cdktf.json').app);
  });

  it('writes to CDKTF_OUTDIR, then gates what it wrote in the same process: never a stale cdktf.out nor a stack of an earlier run', () => {
    const cwd = projectFolder();
    // A failing stack in cdktf.out, and one listed in elsewhere's manifest by an earlier run.
    const failing = JSON.stringify(
      mutated((tf) => void (res(tf, 'aws_flow_log', 'flow')['vpc_id'] = ref('aws_vpc.gone.id'))),
    );
    for (const [outdir, name] of [
      ['cdktf.out', 'payment-stale'],
      ['elsewhere', 'payment-old'],
    ] as const) {
      mkdirSync(join(cwd, outdir, 'stacks', name), { recursive: true });
      writeFileSync(join(cwd, outdir, 'stacks', name, 'cdk.tf.json'), failing);
      const entry = {
        name,
        workingDirectory: `stacks/${name}`,
        synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      };
      writeFileSync(
        join(cwd, outdir, 'manifest.json'),
        JSON.stringify({ version: '0.24.0', stacks: { [name]: entry } }),
      );
    }
    const result = run({ CDKTF_OUTDIR: 'elsewhere' }, cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Synthesized payment-dev \(profile dev, us-east-1\) to elsewhere\/stacks\/payment-dev\/cdk.tf.json\n/,
    );
    expect(result.stdout).toContain('payment-dev (elsewhere/stacks/payment-dev/cdk.tf.json');
    expect(result.stdout).toMatch(/PASS: no unsuppressed finding at high or above/);
    expect(result.stdout).not.toContain('payment-old');
    expect(result.stdout).not.toContain('payment-stale');
    expect(readdirSync(join(cwd, 'elsewhere', 'stacks')).sort()).toEqual([
      'payment-dev',
      'payment-old',
    ]);
    // No staging folder left behind.
    expect(readdirSync(cwd).sort()).toEqual(['cdktf.out', 'compliance', 'config', 'elsewhere']);
  });

  it('on bad input exits 2, names every problem, prints no stack trace, does not gate and leaves the output as it was', () => {
    const cwd = emptyFolder();
    mkdirSync(join(cwd, 'cdktf.out'));
    writeFileSync(join(cwd, 'cdktf.out', 'marker'), 'previous run');
    mkdirSync(join(cwd, 'config'));
    writeFileSync(
      join(cwd, 'config', 'qa.json'),
      '{ "profile": "qa", "region": "moon-1", "azCount": 9 }',
    );
    const result = run({}, cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('There is no environment "dev"');
    const named = spawnSync(process.execPath, [bundle, '--env', 'qa'], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('config/qa.json:');
    expect(named.stderr).toContain('profile: "qa" is not a profile');
    expect(named.stderr).toContain('region: "moon-1" is not an AWS Region');
    expect(named.stderr).toContain('azCount: 9 is outside 2-6');
    expect(named.stderr).not.toMatch(/\n\s+at /);
    expect(named.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(readdirSync(cwd).sort()).toEqual(['cdktf.out', 'config']);
    expect(readdirSync(join(cwd, 'cdktf.out'))).toEqual(['marker']);
  });

  it("fails with the gate's exit code when the gate fails", () => {
    const cwd = devFolder();
    mkdirSync(join(cwd, 'compliance'));
    const unknownRule = {
      rule: 'PAY-NONE-001',
      resource: 'aws_s3_bucket.Assets_Bucket_*',
      reason: 'A suppression of a rule that does not exist must fail the gate.',
    };
    writeFileSync(
      join(cwd, 'compliance', 'suppressions.json'),
      JSON.stringify({ suppressions: [unknownRule] }),
    );
    const result = run({}, cwd);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Synthesized payment-dev');
    expect(result.stdout).toContain('PAY-NONE-001');
  });
});

describe('npm run synth -- --account <name>', () => {
  /** A project folder with the account file and the conformance packs it ships. */
  function accountProject(): string {
    const cwd = projectFolder();
    cpSync(join(root, 'config', 'accounts'), join(cwd, 'config', 'accounts'), { recursive: true });
    cpSync(join(root, 'vendor'), join(cwd, 'vendor'), { recursive: true });
    return cwd;
  }
  const runArgs = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [bundle, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });

  it('writes the baseline stacks beside the environments and gates them', () => {
    const cwd = accountProject();
    const result = runArgs(['--account', 'main'], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Synthesized payment-account-main \(account baseline, us-east-1\) to cdktf.out\/stacks\/payment-account-main\/cdk.tf.json\nSynthesized payment-account-main-use1 /,
    );
    expect(result.stdout).toMatch(/PASS: no unsuppressed finding at high or above/);
    expect(readdirSync(join(cwd, 'cdktf.out', 'stacks')).sort()).toEqual([
      'payment-account-main',
      'payment-account-main-use1',
    ]);
  });

  it('exits 2 naming the file for an unknown account, and refuses --all with --account', () => {
    const cwd = accountProject();
    const unknown = runArgs(['--account', 'nosuch'], cwd);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /config\/accounts\/nosuch\.json: "nosuch" cannot be read \(ENOENT\)/,
    );
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const both = runArgs(['--all', '--account', 'main'], cwd);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--account synthesizes the account baseline alone');
  });
});
