import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load';
import type { SynthIo } from '../../src/synth/command';
import { runSynth } from '../../src/synth/command';
import { StateConflictError } from '../../src/synth/state';
import { synthesize } from '../../src/synth/synthesize';
import { synthCommand } from '../../src/cli/commands/synth';
import { runCommandSync } from '../helpers/command';
import { scratchFolders } from '../helpers/scratch';
import type { TerraformJson } from '../helpers/synth';

/** A project folder with dev's and staging's committed files: synthesis writes `cdktf.out/` and `state/` into it. */
const scratch = scratchFolders('payment-synth-project-');
const project = (): string => {
  const root = scratch();
  for (const env of ['dev', 'staging'])
    write(join(root, 'config', `${env}.json`), readFileSync(join('config', `${env}.json`)));
  return root;
};

function io(root: string, env: Record<string, string> = {}) {
  const run = { out: '', err: '' };
  const synthIo: SynthIo = {
    cwd: root,
    env,
    stdout: (t) => void (run.out += t),
    stderr: (t) => void (run.err += t),
  };
  return { run, synthIo };
}

const dev = loadConfig({});
const staging = loadConfig({ ENVIRONMENT: 'staging' });

function write(file: string, text: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Every file under `dir` with its bytes, for byte-for-byte comparison. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else files[path.slice(dir.length + 1)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return files;
}

const stackJson = (root: string, name: string) =>
  JSON.parse(
    readFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'),
  ) as TerraformJson;

describe('synthesis keeps Terraform state, lock files and plans', () => {
  const root = project();
  const work = join(root, 'cdktf.out', 'stacks', 'payment-dev');
  // What `terraform init`, `apply` and `plan -out` leave behind, and state in state/.
  const terraformFiles = {
    [join(root, 'state', 'payment-dev.tfstate')]: '{"version":4,"serial":7,"lineage":"x"}\n',
    [join(root, 'state', 'payment-dev.tfstate.backup')]: '{"version":4,"serial":6}\n',
    [join(work, '.terraform.lock.hcl')]:
      '# This file is maintained automatically by "terraform init".\n',
    [join(work, '.terraform', 'terraform.tfstate')]: '{"backend":{"type":"local"}}\n',
    [join(work, '.terraform', 'providers', 'marker')]: 'provider binary stand-in',
    [join(work, 'plan.tfplan')]: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 255]),
  };
  let before: Record<string, string>;

  beforeAll(() => {
    synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root });
    for (const [file, text] of Object.entries(terraformFiles)) write(file, text);
    before = snapshot(root);
  });

  const unchanged = () => {
    const after = snapshot(root);
    for (const file of Object.keys(terraformFiles)) {
      const key = file.slice(root.length + 1);
      expect(after[key], key).toBe(before[key]);
    }
  };

  it('points the local backend at state/<stack>.tfstate, relative to the working directory', () => {
    const path = (stackJson(root, 'payment-dev').terraform.backend as { local: { path: string } })
      .local.path;
    expect(path).toBe('../../../state/payment-dev.tfstate');
    expect(resolve(work, path)).toBe(join(root, 'state', 'payment-dev.tfstate'));
  });

  it('leaves them byte-identical when the same environment is synthesized again', () => {
    const result = synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root });
    expect(result.stacks.map((s) => s.name)).toEqual(['payment-dev']);
    unchanged();
    expect(snapshot(root)).toEqual(before);
  });

  it('leaves them, and the whole output, byte-identical on bad input', () => {
    write(
      join(root, 'config', 'qa.json'),
      '{ "profile": "dev", "region": "us-east-1", "azCount": 9 }',
    );
    const { run, synthIo } = io(root);
    expect(runSynth({ names: ['qa'], all: false }, synthIo).code).toBe(2);
    expect(run.err).toContain('azCount: 9 is outside 2-6');
    rmSync(join(root, 'config', 'qa.json'));
    expect(snapshot(root)).toEqual(before);
  });

  it('leaves them byte-identical when another profile is synthesized into the same output', () => {
    const { run, synthIo } = io(root);
    expect(runSynth({ names: ['staging'], all: false }, synthIo).code).toBe(0);
    expect(run.out).toContain(
      'Synthesized payment-staging (profile staging, us-east-1) to cdktf.out/stacks/payment-staging/cdk.tf.json',
    );
    unchanged();
    const after = snapshot(root);
    for (const [file, bytes] of Object.entries(before)) {
      if (file !== 'cdktf.out/manifest.json') expect(after[file], file).toBe(bytes);
    }
    // Side by side: the manifest lists both, and dev's folder is still there.
    const manifest = JSON.parse(readFileSync(join(root, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['payment-dev', 'payment-staging']);
    expect(manifest.stacks['payment-dev'].synthesizedStackPath).toBe(
      'stacks/payment-dev/cdk.tf.json',
    );
  });

  it('stops on a malformed manifest.json before touching anything', () => {
    const manifest = join(root, 'cdktf.out', 'manifest.json');
    const good = readFileSync(manifest);
    writeFileSync(manifest, '{ "stacks": ');
    const current = snapshot(root);
    const { run, synthIo } = io(root);
    expect(runSynth({ names: [], all: false }, synthIo).code).toBe(2);
    expect(run.err).toMatch(/manifest\.json: malformed JSON .*delete it/);
    expect(run.err).toContain('Nothing was written.');
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(current);
    writeFileSync(manifest, good);
  });

  it('leaves no staging folder behind', () => {
    expect(readdirSync(root).sort()).toEqual(['cdktf.out', 'config', 'state']);
  });
});

describe('a state file in its old place, inside the output folder', () => {
  const legacy = (root: string) =>
    join(root, 'cdktf.out', 'stacks', 'payment-dev', 'terraform.payment-dev.tfstate');
  const state = '{"version":4,"serial":3,"lineage":"legacy"}\n';

  it('is moved to state/ (with its backup), and the move is reported', () => {
    const root = project();
    write(legacy(root), state);
    write(`${legacy(root)}.backup`, 'backup');
    const { run, synthIo } = io(root);
    expect(runSynth({ names: [], all: false }, synthIo).code).toBe(0);
    expect(readFileSync(join(root, 'state', 'payment-dev.tfstate'), 'utf8')).toBe(state);
    expect(readFileSync(join(root, 'state', 'payment-dev.tfstate.backup'), 'utf8')).toBe('backup');
    expect(existsSync(legacy(root))).toBe(false);
    expect(existsSync(`${legacy(root)}.backup`)).toBe(false);
    expect(run.out).toContain(
      'Moved Terraform state cdktf.out/stacks/payment-dev/terraform.payment-dev.tfstate to state/payment-dev.tfstate',
    );
    expect(run.out).toContain('terraform init -reconfigure');
  });

  it('is never overwritten, nor overwrites: with both present, nothing moves and nothing is synthesized', () => {
    const root = project();
    write(legacy(root), state);
    write(join(root, 'state', 'payment-dev.tfstate'), 'the newer one');
    const before = snapshot(root);
    expect(() => synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root })).toThrow(
      StateConflictError,
    );
    const { run, synthIo } = io(root);
    expect(runSynth({ names: [], all: false }, synthIo).code).toBe(1);
    expect(run.err).toContain('Local Terraform state exists in two places; neither was touched:');
    expect(run.err).toContain(
      `${join(root, 'state', 'payment-dev.tfstate')} and ${legacy(root)} both exist`,
    );
    expect(run.err).toContain('keep the one that tracks your resources');
    expect(snapshot(root)).toEqual(before);
  });

  it('is left alone with the S3 backend, which does not use it', () => {
    const root = project();
    write(legacy(root), state);
    const s3 = loadConfig({ TERRAFORM_STATE_BUCKET: 'acme-terraform-state' });
    expect(
      synthesize({ configs: [s3], outdir: 'cdktf.out', projectRoot: root }).movedState,
    ).toEqual([]);
    expect(readFileSync(legacy(root), 'utf8')).toBe(state);
    expect(existsSync(join(root, 'state'))).toBe(false);
  });
});

describe('npm run synth -- --all', () => {
  it('synthesizes every environment from the committed config/<env>.json files', () => {
    const root = scratch();
    for (const env of ['dev', 'staging', 'prod'])
      write(join(root, 'config', `${env}.json`), readFileSync(join('config', `${env}.json`)));
    const { run, synthIo } = io(root);
    const outcome = runSynth({ names: [], all: true }, synthIo);
    expect(run.err).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.result?.stacks.map((s) => [s.name, s.profile])).toEqual([
      ['payment-dev', 'dev'],
      ['payment-prod', 'prod'],
      ['payment-staging', 'staging'],
    ]);
    const manifest = JSON.parse(readFileSync(join(root, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual([
      'payment-dev',
      'payment-prod',
      'payment-staging',
    ]);
  });

  it('refuses the variables that pick one environment, naming them', () => {
    const root = project();
    const { run, synthIo } = io(root, { ENVIRONMENT: 'prod', CONFIG_FILE: 'x.json' });
    expect(runSynth({ names: [], all: true }, synthIo).code).toBe(2);
    expect(run.err).toContain('unset ENVIRONMENT, CONFIG_FILE');
    expect(readdirSync(root)).toEqual(['config']);
  });

  it("refuses ALLOWED_ACCOUNT_IDS, which would give every environment one environment's accounts", () => {
    const root = project();
    const { run, synthIo } = io(root, { ALLOWED_ACCOUNT_IDS: '123456789012' });
    expect(runSynth({ names: [], all: true }, synthIo).code).toBe(2);
    expect(run.err).toContain('Unset ALLOWED_ACCOUNT_IDS');
    expect(readdirSync(root)).toEqual(['config']);
  });

  it('reports every invalid environment, naming its file, and writes nothing', () => {
    const root = scratch();
    write(join(root, 'config', 'dev.json'), '{ "region": "us-east-1", "azCount": 9 }');
    write(
      join(root, 'config', 'staging.json'),
      '{ "region": "us-east-1", "allowedAccountIds": ["210987654321"] }',
    );
    write(join(root, 'config', 'prod.json'), '{ "region": "us-east-1" }');
    const { run, synthIo } = io(root);
    expect(runSynth({ names: [], all: true }, synthIo).code).toBe(2);
    expect(run.err).toContain('config/dev.json:\n  azCount: 9 is outside 2-6');
    expect(run.err).toContain('config/prod.json:\n  allowedAccountIds: (not set) is required');
    expect(run.err).not.toContain('config/staging.json');
    expect(readdirSync(root)).toEqual(['config']);
  });

  it('rejects an unknown flag, suggesting the one meant, with exit code 2', () => {
    const run = runCommandSync(synthCommand, ['--al'], { cwd: project() });
    expect(run.code).toBe(2);
    expect(run.err).toContain('synth: unknown option "--al" (did you mean --all?)');
    expect(run.err).toContain('npm run synth -- --help');
  });
});

describe('two configurations of one stack name', () => {
  it('are refused before anything is written', () => {
    const root = project();
    expect(() =>
      synthesize({ configs: [dev, dev], outdir: 'cdktf.out', projectRoot: root }),
    ).toThrow(/two configurations synthesize the same stack payment-dev/);
    expect(readdirSync(root)).toEqual(['config']);
  });
});

describe('creation stack traces', () => {
  it('are off by default, and turning them back on changes no byte of the output', () => {
    const saved = process.env['CDKTN_DISABLE_CREATION_STACK'];
    try {
      const off = project();
      delete process.env['CDKTN_DISABLE_CREATION_STACK'];
      synthesize({ configs: [staging], outdir: 'cdktf.out', projectRoot: off });
      expect(process.env['CDKTN_DISABLE_CREATION_STACK']).toBe('true');
      const on = project();
      process.env['CDKTN_DISABLE_CREATION_STACK'] = 'false';
      synthesize({ configs: [staging], outdir: 'cdktf.out', projectRoot: on });
      expect(process.env['CDKTN_DISABLE_CREATION_STACK']).toBe('false');
      expect(snapshot(join(on, 'cdktf.out'))).toEqual(snapshot(join(off, 'cdktf.out')));
    } finally {
      if (saved === undefined) delete process.env['CDKTN_DISABLE_CREATION_STACK'];
      else process.env['CDKTN_DISABLE_CREATION_STACK'] = saved;
    }
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
describe.skipIf(terraform.status !== 0)('with the real Terraform', () => {
  it('writes state where the backend says, and a later synthesis leaves it byte-identical', () => {
    const root = project();
    synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root });
    // The synthesized backend block alone (the stack's providers are not installed here), in a
    // working directory at the same depth: init and apply need no provider and no account.
    const backend = stackJson(root, 'payment-dev').terraform.backend;
    const probe = join(root, 'cdktf.out', 'stacks', 'probe');
    mkdirSync(probe);
    const config = { terraform: { backend }, output: { probe: { value: 'ok' } } };
    writeFileSync(join(probe, 'main.tf.json'), JSON.stringify(config));
    const tf = (...args: string[]) =>
      spawnSync('terraform', [...args, '-input=false', '-no-color'], {
        cwd: probe,
        encoding: 'utf8',
        env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      });
    expect(tf('init').status).toBe(0);
    expect(tf('apply', '-auto-approve').status).toBe(0);
    const written = join(root, 'state', 'payment-dev.tfstate');
    expect(JSON.parse(readFileSync(written, 'utf8')).outputs.probe.value).toBe('ok');
    expect(existsSync(join(probe, '.terraform'))).toBe(true);
    const before = snapshot(root);
    synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root });
    synthesize({ configs: [staging], outdir: 'cdktf.out', projectRoot: root });
    const after = snapshot(root);
    for (const file of Object.keys(before).filter((f) => !f.startsWith('cdktf.out/manifest')))
      expect(after[file], file).toBe(before[file]);
  });
});

describe('leftovers of an interrupted run', () => {
  it('are removed by the next synthesis, which holds the lock, and no lock is left behind', () => {
    const root = project();
    write(join(root, 'cdktf.out.staging-999999', 'stacks', 'payment-dev', 'cdk.tf.json'), '{');
    write(join(root, 'cdktf.out', 'manifest.json.tmp-999999'), '{ "stacks": ');
    synthesize({ configs: [dev], outdir: 'cdktf.out', projectRoot: root });
    expect(existsSync(join(root, 'cdktf.out.staging-999999'))).toBe(false);
    expect(existsSync(join(root, 'cdktf.out', 'manifest.json.tmp-999999'))).toBe(false);
    expect(existsSync(join(root, 'cdktf.out.lock'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['cdktf.out', 'config']);
  });
});
