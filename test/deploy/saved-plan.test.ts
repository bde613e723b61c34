/**
 * Deploy checks what it applies (issue 21): the plan JSON is validated against Terraform's
 * documented format before any guard reads it, the saved plan covers every file Terraform
 * reads in the stack folder, and the plan applied summarizes to what was recorded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import { DeployError } from '../../src/deploy/errors';
import { validatePlanJson } from '../../src/deploy/plan-json';
import { FakeProject } from '../helpers/fake-project';
import type { TerraformJson } from '../helpers/synth';
import { resourcesOf, synthesize } from '../helpers/synth';

let prod: TerraformJson;
let cluster: string;

beforeAll(() => {
  prod = synthesize({ ENVIRONMENT: 'prod' }).json;
  cluster = `aws_rds_cluster.${resourcesOf(prod, 'aws_rds_cluster')[0]![0]}`;
}, 60_000);

function options(command: CommandOptions['command'], ...args: string[]): CommandOptions {
  return parseDeployArgs(command, args);
}

/** A prod stack planned with a replacement of its database cluster. */
async function plannedProd(): Promise<FakeProject> {
  const p = new FakeProject();
  p.fixtures.set('payment-prod', prod);
  p.stage(prod, [cluster]);
  await runCommand(options('plan', '--env', 'prod'), p.io());
  return p;
}

async function refusal(p: FakeProject, ...args: string[]): Promise<DeployError> {
  try {
    await runCommand(options('deploy', '--env', 'prod', ...args), p.io());
  } catch (error) {
    // A DeployError (a message, exit 1), never a TypeError's stack trace.
    expect(error).toBeInstanceOf(DeployError);
    expect(p.subcommands()).not.toContain('apply');
    return error as DeployError;
  }
  throw new Error('expected the deploy to be refused');
}

describe('the plan JSON is validated before any guard reads it', () => {
  it('refuses null, {}, [], and a resource_changes that is not a list, instead of applying', async () => {
    for (const shown of [
      'null',
      '{}',
      '[]',
      '{"resource_changes":5}',
      '{"format_version":"1.2","resource_changes":5}',
    ]) {
      const p = await plannedProd();
      p.env.FAKE_TF_SHOW = p.file('shown.json', shown);
      const error = await refusal(p);
      expect(error.message).toMatch(
        /is not a Terraform JSON plan: .* expected .*nothing was applied/,
      );
    }
  });

  it('refuses garbage that is not JSON', async () => {
    const p = await plannedProd();
    p.env.FAKE_TF_SHOW = p.file('shown.txt', 'Error: Failed to load plugin schemas\n');
    expect((await refusal(p)).message).toMatch(/printed no JSON/);
  });

  it('names the field, the value, and what was expected', () => {
    const base = { format_version: '1.2' };
    const change = (over: Record<string, unknown>) => ({
      ...base,
      resource_changes: [
        {
          address: 'aws_s3_bucket.a',
          mode: 'managed',
          type: 'aws_s3_bucket',
          change: { actions: ['create'] },
          ...over,
        },
      ],
    });
    expect(() => validatePlanJson({ format_version: '2.0' }, 'x')).toThrow(
      /format_version is "2.0", expected a "1.x" version string/,
    );
    expect(() => validatePlanJson(change({ address: 7 }), 'x')).toThrow(
      /resource_changes\[0\]\.address is 7/,
    );
    expect(() => validatePlanJson(change({ mode: 'weird' }), 'x')).toThrow(
      /\.mode \(aws_s3_bucket\.a\) is "weird"/,
    );
    expect(() => validatePlanJson(change({ change: { actions: [] } }), 'x')).toThrow(
      /change\.actions .* is \[\]/,
    );
    expect(() => validatePlanJson(change({ change: { actions: ['explode'] } }), 'x')).toThrow(
      /"explode"/,
    );
    expect(() => validatePlanJson({ ...base, errored: true }, 'x')).toThrow(/errored is true/);
    // Terraform leaves resource_changes out of a plan that changes nothing.
    expect(validatePlanJson(base, 'x').resourceChanges).toEqual([]);
    expect(validatePlanJson(change({}), 'x').resourceChanges).toHaveLength(1);
  });
});

describe('the saved plan covers every file Terraform reads', () => {
  for (const file of [
    'extra_override.tf.json',
    'override.tf',
    'sneaky.tf',
    'terraform.tfvars',
    'x.auto.tfvars.json',
  ]) {
    it(`refuses the plan when ${file} appears in the stack folder after planning`, async () => {
      const p = await plannedProd();
      writeFileSync(join(p.stackDir('payment-prod'), file), '{}');
      const error = await refusal(p, '--allow-replace', cluster);
      expect(error.message).toContain(`changed since the plan (added ${file})`);
    });
  }

  it('refuses the plan when the provider lock file changed', async () => {
    const p = await plannedProd();
    writeFileSync(join(p.stackDir('payment-prod'), '.terraform.lock.hcl'), '# another provider\n');
    expect((await refusal(p, '--allow-replace', cluster)).message).toContain(
      'added .terraform.lock.hcl',
    );
  });

  it('ignores files Terraform does not read', async () => {
    const p = await plannedProd();
    writeFileSync(join(p.stackDir('payment-prod'), 'notes.md'), 'hello');
    writeFileSync(join(p.stackDir('payment-prod'), '.hidden.tf'), '');
    await runCommand(options('deploy', '--env', 'prod', '--allow-replace', cluster), p.io());
    expect(p.subcommands()).toContain('apply');
  });
});

describe('the plan applied is the plan recorded', () => {
  it('refuses when the plan shown at deploy summarizes differently from the record', async () => {
    const p = await plannedProd();
    const planned = JSON.parse(readFileSync(p.env.FAKE_TF_PLAN!, 'utf8'));
    planned.resource_changes.pop();
    p.env.FAKE_TF_SHOW = p.file('shown.json', JSON.stringify(planned));
    const error = await refusal(p, '--allow-replace', cluster);
    expect(error.message).toMatch(
      /no longer summarizes to what was recorded[\s\S]*recorded: .*\n.*now: /,
    );
  });

  it('the prod guard reads the validated plan: a replacement in it still needs --allow-replace', async () => {
    const p = await plannedProd();
    expect((await refusal(p)).message).toMatch(/replaces or destroys 1 stateful resource/);
  });
});
