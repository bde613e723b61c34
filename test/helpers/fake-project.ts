import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { DeployIo } from '../../src/deploy/commands';
import type { SynthesizedStack } from '../../src/deploy/stacks';
import { stacksFromManifest } from '../../src/deploy/stacks';
import type { TerraformJson } from './synth';

/** The folder holding the fake `terraform` (test/helpers/fake-terraform/terraform). */
export const FAKE_TERRAFORM_DIR = resolve(__dirname, 'fake-terraform');

export interface Call {
  readonly args: string[];
  readonly cwd: string;
}

/** A scratch project with a fake terraform on PATH and stacks "synthesized" from fixtures. */
export class FakeProject {
  readonly root = mkdtempSync(join(tmpdir(), 'payment-deploy-'));
  readonly log = join(this.root, 'terraform-calls.log');
  readonly out: string[] = [];
  readonly err: string[] = [];
  env: Record<string, string | undefined>;
  /** Stack name -> synthesized JSON that the next synthesis writes. */
  readonly fixtures = new Map<string, TerraformJson>();

  constructor(extraEnv: Record<string, string | undefined> = {}) {
    // The committed environments, which the resolver reads (src/config/environments.ts).
    mkdirSync(join(this.root, 'config'));
    for (const name of ['dev', 'staging', 'prod'])
      writeFileSync(
        join(this.root, 'config', `${name}.json`),
        readFileSync(resolve(__dirname, '..', '..', 'config', `${name}.json`)),
      );
    this.env = {
      PATH: `${FAKE_TERRAFORM_DIR}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_TF_LOG: this.log,
      ...extraEnv,
    };
  }

  /** Writes each requested environment's fixture where synthesis would, with its manifest entry. */
  synthesize(names: readonly string[]): SynthesizedStack[] {
    const outdir = join(this.root, this.env.CDKTF_OUTDIR ?? 'cdktf.out');
    const stacks: Record<string, unknown> = {};
    for (const name of names) {
      const json = this.fixtures.get(name);
      if (!json) throw new Error(`no fixture for ${name}`);
      mkdirSync(join(outdir, 'stacks', name), { recursive: true });
      writeFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
      stacks[name] = {
        name,
        synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
        workingDirectory: `stacks/${name}`,
      };
    }
    writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ stacks }));
    if (this.env.FAKE_TF_PLAN === undefined && names[0]) this.stage(this.fixtures.get(names[0])!);
    return stacksFromManifest(outdir, names);
  }

  io(): DeployIo {
    return {
      projectRoot: this.root,
      env: this.env,
      stdout: (t) => this.out.push(t),
      stderr: (t) => this.err.push(t),
      synthesize: (envs) => this.synthesize(envs.map((e) => `payment-${e.name}`)),
      now: () => new Date('2026-12-01T12:00:00Z'),
    };
  }

  calls(): Call[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [cwd, ...args] = l.split('\t');
        return { cwd: cwd!, args };
      });
  }

  /**
   * What the fake's plan shows (`show -json` form): every resource of `json` created, those in
   * `replace` replaced; `state list` lists them all (the fake's destroy plan forgets those the
   * destroy configuration's `removed` blocks name and deletes the rest).
   */
  stage(json: TerraformJson, replace: readonly string[] = []): void {
    const all = addressesOf(json);
    const change = (address: string, actions: string[]) => ({
      address,
      mode: 'managed',
      type: address.split('.')[0],
      change: { actions },
    });
    const write = (name: string, value: unknown) => {
      const path = join(this.root, name);
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
      return path;
    };
    this.env.FAKE_TF_PLAN = write('fake-plan.json', {
      format_version: '1.2',
      resource_changes: all.map((a) =>
        change(a, replace.includes(a) ? ['delete', 'create'] : ['create']),
      ),
    });
    this.env.FAKE_TF_STATE = write('fake-state.txt', all.map((a) => `${a}\n`).join(''));
  }

  /**
   * The subcommands terraform was asked to run, e.g. ["version", "init", "plan", "show"]; those
   * run in a destroy configuration are prefixed "destroy " ("destroy plan").
   */
  subcommands(): string[] {
    return this.calls().map((c) => {
      const name = c.args[0] === 'state' ? `state ${c.args[1]}` : c.args[0]!;
      return c.cwd.endsWith('/destroy') ? `destroy ${name}` : name;
    });
  }

  /** Writes `text` to a file in the project root and returns its path (for FAKE_TF_* files). */
  file(name: string, text: string): string {
    const path = join(this.root, name);
    writeFileSync(path, text);
    return path;
  }

  stackDir(name: string): string {
    return join(this.root, this.env.CDKTF_OUTDIR ?? 'cdktf.out', 'stacks', name);
  }

  printed(): string {
    return this.out.join('');
  }
}

/** Every resource address of a synthesized stack. */
export function addressesOf(json: TerraformJson): string[] {
  return Object.entries(json.resource).flatMap(([type, blocks]) =>
    Object.keys(blocks).map((name) => `${type}.${name}`),
  );
}
