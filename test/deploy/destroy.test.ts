/**
 * Destroy cannot half-finish (issue 21): nothing in the state changes before the one destroy
 * plan has succeeded, the backup is checked before anything relies on it, every failure says
 * what changed, what did not and where the backup is, and `--all` refuses whole.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import { DeployError } from '../../src/deploy/errors';
import { FakeProject } from '../helpers/fake-project';
import type { TerraformJson } from '../helpers/synth';
import { resourcesOf, synthesize } from '../helpers/synth';

let dev: TerraformJson;
let staging: TerraformJson;
let prod: TerraformJson;

beforeAll(() => {
  dev = synthesize({ ENVIRONMENT: 'dev' }).json;
  staging = synthesize({ ENVIRONMENT: 'staging' }).json;
  prod = synthesize({ ENVIRONMENT: 'prod' }).json;
}, 60_000);

function options(...args: string[]): CommandOptions {
  return parseDeployArgs('destroy', args);
}

function project(fixtures: Record<string, TerraformJson>, env: Record<string, string> = {}) {
  const p = new FakeProject(env);
  for (const [name, json] of Object.entries(fixtures)) p.fixtures.set(name, json);
  return p;
}

const BACKUP = 'state/backups/payment-staging-2026-12-01T12-00-00-000Z.tfstate';

async function failure(promise: Promise<unknown>): Promise<DeployError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeployError);
    return error as DeployError;
  }
  throw new Error('expected the command to fail');
}

describe('destroy cannot half-finish', () => {
  it('a failed destroy plan leaves the state untouched (no state rm) and says so, with the backup', async () => {
    const p = project({ 'payment-staging': staging }, { FAKE_TF_FAIL: 'destroy-plan' });
    const error = await failure(runCommand(options('--env', 'staging', '--yes'), p.io()));
    expect(p.subcommands()).not.toContain('state rm');
    expect(p.subcommands()).not.toContain('destroy apply');
    expect(error.message).toMatch(/terraform plan \(destroy\) failed/);
    expect(error.message).toMatch(
      /nothing was changed: no resource was destroyed or taken out of the state/,
    );
    expect(error.message).toContain(`The state before the destroy is in ${BACKUP}`);
    expect(existsSync(join(p.root, BACKUP))).toBe(true);
  });

  it('refuses a state pull that is not a Terraform state, and writes no backup of it', async () => {
    for (const garbage of ['<html>proxy error</html>', '[]', '{"version":4,"serial":3}']) {
      const p = project({ 'payment-staging': staging });
      p.env.FAKE_TF_PULL = p.file('pulled.txt', garbage);
      const error = await failure(runCommand(options('--env', 'staging', '--yes'), p.io()));
      expect(error.message).toMatch(/state pull` printed something that is not a Terraform state/);
      expect(error.message).toMatch(/nothing was changed/);
      expect(existsSync(join(p.root, 'state', 'backups'))).toBe(false);
      expect(p.subcommands()).toEqual(['version', 'init', 'state pull']);
    }
  });

  it('the backup holds the lineage and serial pulled, and is never overwritten', async () => {
    const p = project({ 'payment-dev': dev });
    await runCommand(options('--env', 'dev', '--yes'), p.io());
    const backup = join(p.root, 'state', 'backups', 'payment-dev-2026-12-01T12-00-00-000Z.tfstate');
    expect(JSON.parse(readFileSync(backup, 'utf8'))).toMatchObject({
      lineage: '3f1c2d4e-fake-lineage',
      serial: 7,
    });
    expect(p.printed()).toContain('(lineage 3f1c2d4e-fake-lineage, serial 7)');
    // Same clock, same name: the second destroy stops before planning instead of overwriting.
    const again = await failure(runCommand(options('--env', 'dev', '--yes'), p.io()));
    expect(again.message).toMatch(/cannot write the state backup: .* exists already/);
    expect(again.message).toMatch(/nothing was changed/);
  });

  it('a failed apply says the destroy stopped part-way, how to finish, and where the backup is', async () => {
    const p = project({ 'payment-staging': staging }, { FAKE_TF_FAIL: 'destroy-apply' });
    const error = await failure(runCommand(options('--env', 'staging', '--yes'), p.io()));
    expect(error.message).toMatch(/the destroy stopped part-way \(the apply failed\)/);
    expect(error.message).toMatch(/Run the destroy again to finish it/);
    expect(error.message).toContain(BACKUP);
  });

  it('refuses a destroy plan that would delete a retained resource or create one', async () => {
    const [keyName] = resourcesOf(staging, 'aws_kms_key').find(([n]) => /Aurora|Data/.test(n))!;
    const p = project({ 'payment-staging': staging });
    p.env.FAKE_TF_DESTROY_PLAN = p.file(
      'bad-destroy.json',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: `aws_kms_key.${keyName}`,
            mode: 'managed',
            type: 'aws_kms_key',
            change: { actions: ['delete'] },
          },
          {
            address: 'aws_vpc.x',
            mode: 'managed',
            type: 'aws_vpc',
            change: { actions: ['create'] },
          },
        ],
      }),
    );
    const error = await failure(runCommand(options('--env', 'staging', '--yes'), p.io()));
    expect(error.message).toContain(
      `it would destroy aws_kms_key.${keyName}, which the profile retains`,
    );
    expect(error.message).toContain('it would create aws_vpc.x');
    expect(p.subcommands()).not.toContain('destroy apply');
  });

  it('--all checks every environment first and changes nothing when one would refuse', async () => {
    // prod keeps its deletion protection on: the destroy of prod would refuse.
    const p = project({ 'payment-dev': dev, 'payment-staging': staging, 'payment-prod': prod });
    const error = await failure(runCommand(options('--all', '--yes'), p.io()));
    expect(error.message).toMatch(/payment-prod is a prod stack: destroy needs --confirm-destroy/);
    expect(error.message).toMatch(/payment-prod: deletion protection is on/);
    expect(error.message).toMatch(
      /Nothing was changed in any of payment-dev, payment-prod, payment-staging/,
    );
    expect(p.subcommands()).toEqual(['version']);
  });

  it('--all that fails in one environment names the ones destroyed and the ones not started', async () => {
    // --all is every file in config/, in name order: dev, prod, staging.
    const p = project({ 'payment-dev': dev, 'payment-staging': staging });
    p.fixtures.set('payment-prod', dev); // the one that fails, between the two others
    p.env.FAKE_TF_FAIL = 'destroy-apply';
    p.env.FAKE_TF_FAIL_IN = 'payment-prod';
    const error = await failure(runCommand(options('--all', '--yes'), p.io()));
    expect(error.message).toMatch(/payment-prod: the destroy stopped part-way/);
    expect(error.message).toMatch(
      /Destroyed before this: payment-dev\. Not started: payment-staging\./,
    );
  });
});
