import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import { UsageProblem } from '../../src/errors/problems';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import { DeployError } from '../../src/deploy/errors';
import { findTerraform } from '../../src/deploy/terraform';
import type { TerraformJson } from '../helpers/synth';
import { resourcesOf, synthesize } from '../helpers/synth';
import { FakeProject } from '../helpers/fake-project';

let dev: TerraformJson;
let staging: TerraformJson;
let prod: TerraformJson;
let prodUnprotected: TerraformJson;

beforeAll(() => {
  dev = synthesize({ ENVIRONMENT: 'dev' }).json;
  staging = synthesize({ ENVIRONMENT: 'staging' }).json;
  prod = synthesize({ ENVIRONMENT: 'prod' }).json;
  // As with "database": { "deletionProtection": false } in the config file.
  prodUnprotected = structuredClone(prod);
  for (const [, cluster] of resourcesOf(prodUnprotected, 'aws_rds_cluster')) {
    cluster.deletion_protection = false;
  }
}, 60_000);

function options(command: CommandOptions['command'], ...args: string[]): CommandOptions {
  return parseDeployArgs(command, args);
}

function project(fixtures: Record<string, TerraformJson>, env: Record<string, string> = {}) {
  const p = new FakeProject(env);
  for (const [name, json] of Object.entries(fixtures)) p.fixtures.set(name, json);
  return p;
}

function addressOf(json: TerraformJson, type: string): string {
  const [name] = resourcesOf(json, type)[0]!;
  return `${type}.${name}`;
}

describe('npm run plan', () => {
  it('runs init, a saved plan and show in the stack folder, and records the synthesis hash', async () => {
    const p = project({ 'payment-dev': dev });
    await runCommand(options('plan', '--env', 'dev'), p.io());
    expect(p.subcommands()).toEqual(['version', 'init', 'plan', 'show']);
    const plan = p.calls()[2]!;
    expect(plan.args).toContain('-out=plan.tfplan');
    expect(plan.cwd).toBe(p.stackDir('payment-dev'));
    expect(p.calls()[1]!.args).not.toContain('-reconfigure');
    const record = JSON.parse(
      readFileSync(join(p.stackDir('payment-dev'), 'plan.meta.json'), 'utf8'),
    );
    expect(record.stack).toBe('payment-dev');
    expect(record.synthSha256).toMatch(/^[0-9a-f]{64}$/);
    const total = Object.values(dev.resource).reduce((n, r) => n + Object.keys(r).length, 0);
    expect(p.printed()).toContain(
      `Plan for payment-dev: ${total} to create, 0 to update, 0 to replace, 0 to destroy`,
    );
    expect(p.printed()).toContain(
      'No database, bucket, key, log group or secret is replaced or destroyed',
    );
  });

  it('calls out every replaced stateful resource by address', async () => {
    const cluster = addressOf(dev, 'aws_rds_cluster');
    const sg = addressOf(dev, 'aws_security_group');
    const p = project({ 'payment-dev': dev });
    p.stage(dev, [cluster, sg]);
    await runCommand(options('plan'), p.io());
    expect(p.printed()).toContain('2 to replace');
    expect(p.printed()).toContain(`REPLACE  ${cluster}  (database cluster)`);
    expect(p.printed()).not.toContain(`REPLACE  ${sg}`);
  });

  it('--json writes the plan JSON for other tools', async () => {
    const p = project({ 'payment-dev': dev });
    await runCommand(options('plan', '--json'), p.io());
    const json = JSON.parse(readFileSync(join(p.stackDir('payment-dev'), 'plan.json'), 'utf8'));
    expect(json.resource_changes.length).toBeGreaterThan(100);
  });

  it('refuses to switch backends silently, and migrates only when asked', async () => {
    const p = project({ 'payment-dev': dev });
    mkdirSync(join(p.stackDir('payment-dev'), '.terraform'), { recursive: true });
    writeFileSync(
      join(p.stackDir('payment-dev'), '.terraform', 'terraform.tfstate'),
      JSON.stringify({
        backend: {
          type: 's3',
          config: { bucket: 'acme-state', key: 'dev/payment-dev.tfstate', region: 'eu-west-1' },
        },
      }),
    );
    await expect(runCommand(options('plan'), p.io())).rejects.toThrow(
      /uses backend s3 \(bucket=acme-state, key=dev\/payment-dev.tfstate, region=eu-west-1\), but the synthesized stack declares local/,
    );
    expect(p.subcommands()).toEqual(['version']);
    await runCommand(options('plan', '--migrate-state'), p.io());
    expect(p.calls()[2]!.args).toEqual(['init', '-input=false', '-migrate-state', '-force-copy']);
  });

  it('stops before Terraform runs when synthesis or the gate fails', async () => {
    const p = project({});
    const io = {
      ...p.io(),
      synthesize: () => {
        throw new DeployError('The compliance gate failed');
      },
    };
    await expect(runCommand(options('plan'), io)).rejects.toThrow(/compliance gate failed/);
    expect(p.subcommands()).toEqual(['version']);
  });
});

describe('npm run deploy', () => {
  async function planned(json: TerraformJson, name: string, replace: string[] = []) {
    const p = project({ [name]: json });
    p.stage(json, replace);
    await runCommand(options('plan', '--env', name.replace('payment-', '')), p.io());
    return p;
  }

  it('applies the saved plan, then writes flat outputs without sensitive values', async () => {
    const p = await planned(dev, 'payment-dev');
    const outputsFile = join(p.root, 'tf-outputs.json');
    writeFileSync(
      outputsFile,
      JSON.stringify({
        alb_dns_name: { value: 'alb.example' },
        secret: { value: 'x', sensitive: true },
      }),
    );
    p.env.FAKE_TF_OUTPUTS = outputsFile;
    await runCommand(options('deploy', '--env', 'dev'), p.io());
    const apply = p.calls().find((c) => c.args[0] === 'apply')!;
    expect(apply.args).toEqual(['apply', '-input=false', 'plan.tfplan']);
    const flat = JSON.parse(readFileSync(join(p.root, 'cfn-outputs', 'flat-outputs.json'), 'utf8'));
    expect(flat).toEqual({ '@stack': 'payment-dev', alb_dns_name: 'alb.example' });
    const record = JSON.parse(
      readFileSync(join(p.root, 'cfn-outputs', 'flat-outputs.meta.json'), 'utf8'),
    );
    expect(record).toMatchObject({ stack: 'payment-dev', profile: 'dev' });
    expect(existsSync(join(p.stackDir('payment-dev'), 'plan.tfplan'))).toBe(false);
  });

  it('refuses without a saved plan', async () => {
    const p = project({ 'payment-dev': dev });
    await expect(runCommand(options('deploy'), p.io())).rejects.toThrow(
      /no saved plan.*npm run plan -- --env dev/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('refuses a plan made from a different synthesis (by content, not time)', async () => {
    const p = await planned(dev, 'payment-dev');
    p.fixtures.set('payment-dev', { ...dev, output: { ...dev.output, extra: { value: '1' } } });
    await expect(runCommand(options('deploy', '--env', 'dev'), p.io())).rejects.toThrow(
      /made from a different synthesis/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('refuses a plan file changed after planning, or recorded for another stack', async () => {
    const p = await planned(dev, 'payment-dev');
    const dir = p.stackDir('payment-dev');
    writeFileSync(join(dir, 'plan.tfplan'), 'something else');
    await expect(runCommand(options('deploy', '--env', 'dev'), p.io())).rejects.toThrow(
      /not the plan recorded/,
    );
    const record = JSON.parse(readFileSync(join(dir, 'plan.meta.json'), 'utf8'));
    writeFileSync(
      join(dir, 'plan.meta.json'),
      JSON.stringify({ ...record, stack: 'payment-staging' }),
    );
    await expect(runCommand(options('deploy', '--env', 'dev'), p.io())).rejects.toThrow(
      /made for stack "payment-staging"/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('in prod, a stateful replacement needs --allow-replace naming it', async () => {
    const cluster = addressOf(prod, 'aws_rds_cluster');
    const p = await planned(prod, 'payment-prod', [cluster]);
    await expect(runCommand(options('deploy', '--env', 'prod'), p.io())).rejects.toThrow(
      new RegExp(
        `REPLACE ${cluster.replace(/\./g, '\\.')} \\(database cluster\\)[\\s\\S]*--allow-replace ${cluster}`,
      ),
    );
    expect(p.subcommands()).not.toContain('apply');
    await expect(
      runCommand(
        options('deploy', '--env', 'prod', '--allow-replace', 'aws_s3_bucket.Nope'),
        p.io(),
      ),
    ).rejects.toThrow(/names no stateful replacement/);
    await runCommand(options('deploy', '--env', 'prod', '--allow-replace', cluster), p.io());
    expect(p.subcommands()).toContain('apply');
  });

  it('outside prod, a stateful replacement is shown but needs no flag', async () => {
    const cluster = addressOf(dev, 'aws_rds_cluster');
    const p = await planned(dev, 'payment-dev', [cluster]);
    await runCommand(options('deploy', '--env', 'dev'), p.io());
    expect(p.subcommands()).toContain('apply');
  });
});

describe('npm run destroy', () => {
  it('needs --yes outside prod and the stack name in prod', async () => {
    const p = project({ 'payment-dev': dev, 'payment-prod': prodUnprotected });
    await expect(runCommand(options('destroy', '--env', 'dev'), p.io())).rejects.toThrow(
      /run again with --yes/,
    );
    await expect(runCommand(options('destroy', '--env', 'prod', '--yes'), p.io())).rejects.toThrow(
      /prod stack: destroy needs --confirm-destroy payment-prod/,
    );
    await expect(
      runCommand(options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-dev'), p.io()),
    ).rejects.toThrow(/got "payment-dev"/);
    expect(p.subcommands()).toEqual(['version', 'version', 'version']);
  });

  it('refuses up front while deletion protection is on, saying how to turn it off', async () => {
    const p = project({ 'payment-prod': prod });
    await expect(
      runCommand(options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-prod'), p.io()),
    ).rejects.toThrow(/deletionProtection": false[\s\S]*modify-load-balancer-attributes/);
    expect(p.subcommands()).toEqual(['version']);
  });

  it('destroys dev to completion: nothing retained, state backed up first, one saved plan', async () => {
    const p = project({ 'payment-dev': dev });
    await runCommand(options('destroy', '--yes'), p.io());
    expect(p.subcommands()).toEqual([
      'version',
      'init',
      'state pull',
      'destroy init',
      'destroy plan',
      'destroy show',
      'destroy apply',
    ]);
    expect(p.subcommands()).not.toContain('state rm');
    expect(p.printed()).toContain('Nothing survives');
    expect(readdirSync(join(p.root, 'state', 'backups'))).toEqual([
      'payment-dev-2026-12-01T12-00-00-000Z.tfstate',
    ]);
    // The destroy configuration is gone once applied.
    expect(existsSync(join(p.stackDir('payment-dev'), 'destroy'))).toBe(false);
  });

  /** The `removed` blocks of the destroy configuration the last destroy planned against. */
  function removedBlocks(p: FakeProject): string[] {
    const plan = p.calls().find((c) => c.cwd.endsWith('/destroy') && c.args[0] === 'plan')!;
    const text = readFileSync(join(plan.cwd, '..', 'destroy-config-seen.json'), 'utf8');
    return (JSON.parse(text).removed ?? []).map((r: { from: string }) => r.from);
  }

  function keepDestroyConfig(p: FakeProject): void {
    // The fake's apply leaves a copy of the configuration it was given, for the assertions.
    p.env.FAKE_TF_KEEP_CONFIG = '1';
  }

  it('staging forgets the key of the final snapshot it keeps, and destroys its buckets', async () => {
    const p = project({ 'payment-staging': staging });
    keepDestroyConfig(p);
    await runCommand(options('destroy', '--env', 'staging', '--yes'), p.io());
    const forgotten = removedBlocks(p);
    const keys = forgotten.filter((a) => a.startsWith('aws_kms_key.'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/Aurora|Data/);
    expect(p.printed()).toMatch(/encrypts the final snapshot the database keeps on destroy/);
    expect(forgotten.some((a) => a.startsWith('aws_s3_bucket.'))).toBe(false);
    expect(p.printed()).toMatch(/\d+ to forget \(left in AWS\)/);
  });

  it('prod forgets keys, log groups and buckets (with their safeguards) in the destroy plan itself, and lists them', async () => {
    const p = project({ 'payment-prod': prodUnprotected });
    keepDestroyConfig(p);
    await runCommand(
      options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-prod', '--protection-off'),
      p.io(),
    );
    expect(p.subcommands()).not.toContain('state rm');
    const types = new Set(removedBlocks(p).map((a) => a.split('.')[0]));
    for (const type of [
      'aws_kms_key',
      'aws_kms_alias',
      'aws_cloudwatch_log_group',
      'aws_s3_bucket',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_policy',
    ]) {
      expect(types).toContain(type);
    }
    expect(types).not.toContain('aws_rds_cluster');
    expect(p.printed()).toContain('Left in AWS, no longer managed by Terraform');
    expect(p.printed()).toMatch(/aws_s3_bucket\.\S+: Object Lock \(locked log bucket\)/);
  });
});

describe('finding terraform or tofu', () => {
  it('refuses versions below 1.10', async () => {
    const p = project({}, { FAKE_TF_VERSION: '1.9.8' });
    expect(() => findTerraform(p.env)).toThrow(/terraform 1\.9\.8 is too old: .*1\.10\.0 or later/);
  });
  it('accepts 1.10 and later, and TF_BINARY names the binary', async () => {
    const p = project({}, { FAKE_TF_VERSION: '1.10.0' });
    expect(findTerraform(p.env)).toMatchObject({ command: 'terraform', version: '1.10.0' });
    expect(() => findTerraform({ ...p.env, TF_BINARY: 'no-such-tofu' })).toThrow(
      /TF_BINARY: "no-such-tofu" cannot be run \(ENOENT\)/,
    );
  });
  it('names what to install when neither is on PATH', async () => {
    expect(() => findTerraform({ PATH: '/nonexistent' })).toThrow(
      /Neither terraform nor tofu is on PATH\. Install Terraform 1\.10\+/,
    );
  });
});

describe('command flags', () => {
  it('rejects unknown flags, bad names and --all with --env', () => {
    expect(() => parseDeployArgs('plan', ['--allow-replace', 'x'])).toThrow(UsageProblem);
    expect(() => parseDeployArgs('plan', ['--env', 'Prod!'])).toThrow(/not an environment name/);
    expect(() => parseDeployArgs('deploy', ['--all', '--env', 'dev'])).toThrow(
      /cannot be combined/,
    );
    expect(() => parseDeployArgs('destroy', ['--confirm-destroy'])).toThrow(/needs a value/);
    expect(
      parseDeployArgs('deploy', ['--env=prod', '--allow-replace', 'a.b', '--allow-replace=c.d']),
    ).toMatchObject({
      environments: ['prod'],
      allowReplace: ['a.b', 'c.d'],
    });
  });
});
