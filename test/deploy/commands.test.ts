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
  it('runs init, a saved plan and show in the stack folder, and records the synthesis hash', () => {
    const p = project({ 'payment-dev': dev });
    runCommand(options('plan', '--env', 'dev'), p.io());
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

  it('calls out every replaced stateful resource by address', () => {
    const cluster = addressOf(dev, 'aws_rds_cluster');
    const sg = addressOf(dev, 'aws_security_group');
    const p = project({ 'payment-dev': dev });
    p.stage(dev, [cluster, sg]);
    runCommand(options('plan'), p.io());
    expect(p.printed()).toContain('2 to replace');
    expect(p.printed()).toContain(`REPLACE  ${cluster}  (database cluster)`);
    expect(p.printed()).not.toContain(`REPLACE  ${sg}`);
  });

  it('--json writes the plan JSON for other tools', () => {
    const p = project({ 'payment-dev': dev });
    runCommand(options('plan', '--json'), p.io());
    const json = JSON.parse(readFileSync(join(p.stackDir('payment-dev'), 'plan.json'), 'utf8'));
    expect(json.resource_changes.length).toBeGreaterThan(100);
  });

  it('refuses to switch backends silently, and migrates only when asked', () => {
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
    expect(() => runCommand(options('plan'), p.io())).toThrow(
      /uses backend s3 \(bucket=acme-state, key=dev\/payment-dev.tfstate, region=eu-west-1\), but the synthesized stack declares local/,
    );
    expect(p.subcommands()).toEqual(['version']);
    runCommand(options('plan', '--migrate-state'), p.io());
    expect(p.calls()[2]!.args).toEqual(['init', '-input=false', '-migrate-state', '-force-copy']);
  });

  it('stops before Terraform runs when synthesis or the gate fails', () => {
    const p = project({});
    const io = {
      ...p.io(),
      synthesize: () => {
        throw new DeployError('The compliance gate failed');
      },
    };
    expect(() => runCommand(options('plan'), io)).toThrow(/compliance gate failed/);
    expect(p.subcommands()).toEqual(['version']);
  });
});

describe('npm run deploy', () => {
  function planned(json: TerraformJson, name: string, replace: string[] = []) {
    const p = project({ [name]: json });
    p.stage(json, replace);
    runCommand(options('plan', '--env', name.replace('payment-', '')), p.io());
    return p;
  }

  it('applies the saved plan, then writes flat outputs without sensitive values', () => {
    const p = planned(dev, 'payment-dev');
    const outputsFile = join(p.root, 'tf-outputs.json');
    writeFileSync(
      outputsFile,
      JSON.stringify({
        alb_dns_name: { value: 'alb.example' },
        secret: { value: 'x', sensitive: true },
      }),
    );
    p.env.FAKE_TF_OUTPUTS = outputsFile;
    runCommand(options('deploy', '--env', 'dev'), p.io());
    const apply = p.calls().find((c) => c.args[0] === 'apply')!;
    expect(apply.args).toEqual(['apply', '-input=false', 'plan.tfplan']);
    const flat = JSON.parse(readFileSync(join(p.root, 'cfn-outputs', 'flat-outputs.json'), 'utf8'));
    expect(flat).toEqual({ alb_dns_name: 'alb.example' });
    const record = JSON.parse(
      readFileSync(join(p.root, 'cfn-outputs', 'flat-outputs.meta.json'), 'utf8'),
    );
    expect(record).toMatchObject({ stack: 'payment-dev', profile: 'dev' });
    expect(existsSync(join(p.stackDir('payment-dev'), 'plan.tfplan'))).toBe(false);
  });

  it('refuses without a saved plan', () => {
    const p = project({ 'payment-dev': dev });
    expect(() => runCommand(options('deploy'), p.io())).toThrow(
      /no saved plan.*npm run plan -- --env dev/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('refuses a plan made from a different synthesis (by content, not time)', () => {
    const p = planned(dev, 'payment-dev');
    p.fixtures.set('payment-dev', { ...dev, output: { ...dev.output, extra: { value: '1' } } });
    expect(() => runCommand(options('deploy', '--env', 'dev'), p.io())).toThrow(
      /made from a different synthesis/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('refuses a plan file changed after planning, or recorded for another stack', () => {
    const p = planned(dev, 'payment-dev');
    const dir = p.stackDir('payment-dev');
    writeFileSync(join(dir, 'plan.tfplan'), 'something else');
    expect(() => runCommand(options('deploy', '--env', 'dev'), p.io())).toThrow(
      /not the plan recorded/,
    );
    const record = JSON.parse(readFileSync(join(dir, 'plan.meta.json'), 'utf8'));
    writeFileSync(
      join(dir, 'plan.meta.json'),
      JSON.stringify({ ...record, stack: 'payment-staging' }),
    );
    expect(() => runCommand(options('deploy', '--env', 'dev'), p.io())).toThrow(
      /made for stack "payment-staging"/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('in prod, a stateful replacement needs --allow-replace naming it', () => {
    const cluster = addressOf(prod, 'aws_rds_cluster');
    const p = planned(prod, 'payment-prod', [cluster]);
    expect(() => runCommand(options('deploy', '--env', 'prod'), p.io())).toThrow(
      new RegExp(
        `REPLACE ${cluster.replace(/\./g, '\\.')} \\(database cluster\\)[\\s\\S]*--allow-replace ${cluster}`,
      ),
    );
    expect(p.subcommands()).not.toContain('apply');
    expect(() =>
      runCommand(
        options('deploy', '--env', 'prod', '--allow-replace', 'aws_s3_bucket.Nope'),
        p.io(),
      ),
    ).toThrow(/names no stateful replacement/);
    runCommand(options('deploy', '--env', 'prod', '--allow-replace', cluster), p.io());
    expect(p.subcommands()).toContain('apply');
  });

  it('outside prod, a stateful replacement is shown but needs no flag', () => {
    const cluster = addressOf(dev, 'aws_rds_cluster');
    const p = planned(dev, 'payment-dev', [cluster]);
    runCommand(options('deploy', '--env', 'dev'), p.io());
    expect(p.subcommands()).toContain('apply');
  });
});

describe('npm run destroy', () => {
  it('needs --yes outside prod and the stack name in prod', () => {
    const p = project({ 'payment-dev': dev, 'payment-prod': prodUnprotected });
    expect(() => runCommand(options('destroy', '--env', 'dev'), p.io())).toThrow(
      /run again with --yes/,
    );
    expect(() => runCommand(options('destroy', '--env', 'prod', '--yes'), p.io())).toThrow(
      /prod stack: destroy needs --confirm-destroy payment-prod/,
    );
    expect(() =>
      runCommand(options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-dev'), p.io()),
    ).toThrow(/got "payment-dev"/);
    expect(p.subcommands()).toEqual(['version', 'version', 'version']);
  });

  it('refuses up front while deletion protection is on, saying how to turn it off', () => {
    const p = project({ 'payment-prod': prod });
    expect(() =>
      runCommand(options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-prod'), p.io()),
    ).toThrow(/deletionProtection": false[\s\S]*modify-load-balancer-attributes/);
    expect(p.subcommands()).toEqual(['version']);
  });

  it('destroys dev to completion: nothing retained, state backed up first', () => {
    const p = project({ 'payment-dev': dev });
    runCommand(options('destroy', '--yes'), p.io());
    expect(p.subcommands()).toEqual([
      'version',
      'init',
      'state pull',
      'state list',
      'plan',
      'show',
      'apply',
    ]);
    expect(p.calls()[4]!.args).toContain('-destroy');
    expect(p.printed()).toContain('Nothing survives');
    expect(readdirSync(join(p.root, 'state', 'backups'))).toEqual([
      'payment-dev-2026-12-01T12-00-00-000Z.tfstate',
    ]);
  });

  it('staging keeps the key of the final snapshot it keeps', () => {
    const p = project({ 'payment-staging': staging });
    runCommand(options('destroy', '--env', 'staging', '--yes'), p.io());
    const rm = p.calls().find((c) => c.args[1] === 'rm')!;
    const keys = rm.args.filter((a) => a.startsWith('aws_kms_key.'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/Aurora|Data/);
    expect(p.printed()).toMatch(/encrypts the final snapshot the database keeps on destroy/);
    expect(rm.args.some((a) => a.startsWith('aws_s3_bucket.'))).toBe(false);
  });

  it('prod takes keys, log groups and buckets (with their safeguards) out of the state first, and lists them', () => {
    const p = project({ 'payment-prod': prodUnprotected });
    runCommand(
      options('destroy', '--env', 'prod', '--confirm-destroy', 'payment-prod', '--protection-off'),
      p.io(),
    );
    const order = p.subcommands();
    expect(order.indexOf('state rm')).toBeLessThan(order.indexOf('plan'));
    const removed = p
      .calls()
      .find((c) => c.args[1] === 'rm')!
      .args.slice(2);
    const types = new Set(removed.map((a) => a.split('.')[0]));
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
  it('refuses versions below 1.10', () => {
    const p = project({}, { FAKE_TF_VERSION: '1.9.8' });
    expect(() => findTerraform(p.env)).toThrow(/terraform 1\.9\.8 is too old: .*1\.10\.0 or later/);
  });
  it('accepts 1.10 and later, and TF_BINARY names the binary', () => {
    const p = project({}, { FAKE_TF_VERSION: '1.10.0' });
    expect(findTerraform(p.env)).toMatchObject({ command: 'terraform', version: '1.10.0' });
    expect(() => findTerraform({ ...p.env, TF_BINARY: 'no-such-tofu' })).toThrow(
      /TF_BINARY: "no-such-tofu" cannot be run \(ENOENT\)/,
    );
  });
  it('names what to install when neither is on PATH', () => {
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
