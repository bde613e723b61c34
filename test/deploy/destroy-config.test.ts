/**
 * The destroy configuration against the real Terraform on PATH (1.11.4 here), with
 * `terraform_data` resources, which need no provider and no network: one saved plan forgets
 * the retained resource (a `removed` block, destroy = false) and destroys the other, and the
 * stack's local state ends empty. Skipped when no `terraform` is on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import { runCommand } from '../../src/deploy/commands';
import { destroyConfiguration } from '../../src/deploy/destroy-config';
import { FakeProject } from '../helpers/fake-project';
import type { TerraformJson } from '../helpers/synth';

const real = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

const STACK = {
  terraform: {
    required_version: '>= 1.10.0',
    backend: { local: { path: '../../../state/payment-dev.tfstate' } },
  },
  resource: {
    terraform_data: {
      kept: { input: 'kept', lifecycle: { prevent_destroy: true } },
      gone: { input: 'gone' },
    },
  },
} as unknown as TerraformJson;

describe.skipIf(!real)('destroy with the real Terraform', () => {
  it('forgets the retained resource and destroys the rest in one saved plan', async () => {
    const p = new FakeProject({ PATH: process.env.PATH ?? '' });
    p.fixtures.set('payment-dev', STACK);
    p.env.FAKE_TF_PLAN = 'unused';
    p.synthesize(['payment-dev']);
    const cwd = p.stackDir('payment-dev');
    const tf = (...args: string[]) =>
      execFileSync('terraform', args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, TF_IN_AUTOMATION: '1' },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    tf('init', '-input=false');
    tf('apply', '-input=false', '-auto-approve');
    expect(tf('state', 'list').trim().split('\n').sort()).toEqual([
      'terraform_data.gone',
      'terraform_data.kept',
    ]);

    const options = parseDeployArgs('destroy', ['--yes']);
    await runCommand(options, p.io());

    expect(p.printed()).toMatch(
      /Plan for payment-dev \(destroy\): 0 to create, 0 to update, 0 to replace, 1 to destroy, 1 to forget \(left in AWS\)/,
    );
    expect(p.printed()).toMatch(/terraform_data\.kept: prevent_destroy\n/);
    expect(tf('state', 'list').trim()).toBe('');
    // The state files the readable apply above left (0644) were narrowed before Terraform ran.
    const mode = (f: string) => (statSync(join(p.root, 'state', f)).mode & 0o777).toString(8);
    expect(mode('payment-dev.tfstate')).toBe('600');
    expect(mode('payment-dev.tfstate.backup')).toBe('600');
  }, 120_000);
});

describe('the destroy configuration and the declared overlays beside the stack', () => {
  it('carries their backend, provider versions and provider settings, not their resources', () => {
    const stack = {
      terraform: {
        backend: { local: { path: 'state/payment-dev.tfstate' } },
        required_providers: {
          aws: { source: 'hashicorp/aws', version: '6.66.0' },
          tls: { source: 'hashicorp/tls', version: '4.1.0' },
        },
      },
      provider: { aws: [{ region: 'us-east-1' }, { alias: 'edge', region: 'us-east-1' }] },
      resource: { aws_vpc: { v: {} } },
    };
    const overlay = {
      terraform: {
        backend: { local: { path: '/tmp/rehearsal/state.tfstate' } },
        required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } },
      },
      provider: { aws: [{ max_retries: 2 }] },
      resource: { aws_flow_log: { f: { count: 0 } } },
    };
    const config = destroyConfiguration(stack, [], '/p/stack', '/p/stack/destroy', [overlay]);
    expect(config).toEqual({
      terraform: {
        backend: { local: { path: '/tmp/rehearsal/state.tfstate' } },
        required_providers: {
          aws: { source: 'hashicorp/aws', version: '5.100.0' },
          tls: { source: 'hashicorp/tls', version: '4.1.0' },
        },
      },
      provider: {
        aws: [
          { region: 'us-east-1', max_retries: 2 },
          { alias: 'edge', region: 'us-east-1' },
        ],
      },
    });
    // Without overlays: the stack's own settings, its relative state path seen from destroy/.
    expect(destroyConfiguration(stack, [], '/p/stack', '/p/stack/destroy')).toMatchObject({
      terraform: { backend: { local: { path: '../state/payment-dev.tfstate' } } },
      provider: { aws: [{ region: 'us-east-1' }, { alias: 'edge', region: 'us-east-1' }] },
    });
  });
});
