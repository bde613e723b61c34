/**
 * Terraform as a well-behaved child (issue 21): a time limit per step, SIGINT and SIGTERM
 * passed on and waited for, and a message saying what state the lock and the stack are in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import {
  findTerraform,
  runTerraform,
  stepLimits,
  TerraformInterrupted,
} from '../../src/deploy/terraform';
import { FakeProject } from '../helpers/fake-project';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

let dev: TerraformJson;

beforeAll(() => {
  dev = synthesize({ ENVIRONMENT: 'dev' }).json;
}, 60_000);

function options(command: CommandOptions['command'], ...args: string[]): CommandOptions {
  return parseDeployArgs(command, args);
}

function project(env: Record<string, string>): FakeProject {
  const p = new FakeProject(env);
  p.fixtures.set('payment-dev', dev);
  return p;
}

async function interrupted(promise: Promise<unknown>): Promise<TerraformInterrupted> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TerraformInterrupted);
    return error as TerraformInterrupted;
  }
  throw new Error('expected an interruption');
}

/** Resolves once the fake has logged a call whose arguments start with `first`. */
async function started(p: FakeProject, first: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(p.log) && p.calls().some((c) => c.args[0] === first)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`terraform ${first} never started`);
}

describe('time limits', () => {
  it('a hanging `terraform version -json` is stopped at its limit instead of blocking forever', () => {
    const p = project({ FAKE_TF_HANG: 'version' });
    const began = Date.now();
    expect(() => findTerraform(p.env, stepLimits({ version: 500 }))).toThrow(
      /`terraform version -json` did not answer within 500ms and was stopped; nothing was run/,
    );
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it('a step past its limit is interrupted like Ctrl-C, and the message says the lock was released', async () => {
    const p = project({ FAKE_TF_HANG: 'plan' });
    const error = await interrupted(runCommand(options('plan', '--timeout', 'plan=1s'), p.io()));
    expect(error.message).toMatch(
      /`terraform plan -input=false -out=plan.tfplan` in .* ran longer than its limit of 1s \(raise it with --timeout plan=<duration>\)/,
    );
    expect(error.message).toMatch(/Terraform stopped by itself and released the state lock/);
    expect(error.message).toMatch(/Nothing in the state or in AWS was changed by this step/);
    expect(p.subcommands()).toContain('interrupted');
    expect(p.subcommands()).not.toContain('show');
  });

  it('a Terraform that ignores the interrupt is killed after its grace period, and the message says the lock may be held', async () => {
    const p = project({ FAKE_TF_HANG: 'plan', FAKE_TF_STUBBORN: '1' });
    const error = await interrupted(runCommand(options('plan', '--timeout', 'plan=1s'), p.io()));
    expect(error.killed).toBe(true);
    expect(error.message).toMatch(/was killed: it may still hold the state lock/);
    expect(error.message).toMatch(/force-unlock/);
  });

  it('--timeout takes <step>=<duration> and refuses anything else', () => {
    expect(options('deploy', '--timeout', 'apply=90m', '--timeout=plan=45s').timeouts).toEqual({
      apply: 5_400_000,
      plan: 45_000,
    });
    for (const bad of ['apply', 'apply=', 'apply=10', 'nap=5m', 'apply=-1m']) {
      expect(() => options('deploy', '--timeout', bad)).toThrow(
        /is not <step>=<duration>.*Example: --timeout apply=90m/,
      );
    }
  });
});

describe('signals', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} sent to the command is passed on to a running apply, which is waited for; the message says where the stack stands`, async () => {
      const p = project({ FAKE_TF_HANG: 'apply' });
      p.stage(dev);
      await runCommand(options('plan'), p.io());
      const deploy = runCommand(options('deploy'), p.io());
      await started(p, 'apply');
      process.emit(signal, signal);
      const error = await interrupted(deploy);
      // Terraform got the signal (it logged the interrupt) and had exited before we stopped.
      expect(readFileSync(p.log, 'utf8')).toMatch(/\tinterrupted\n/);
      expect(error.message).toContain(
        `was interrupted by ${signal}, which was passed on to Terraform`,
      );
      expect(error.message).toMatch(/released the state lock/);
      expect(error.message).toMatch(
        /The apply stopped part-way: .* Run `npm run plan` to see what remains/,
      );
      expect(p.subcommands()).not.toContain('output');
    });
  }

  it('a signal during a destroy stops it before the apply, and the message says nothing changed', async () => {
    const p = project({ FAKE_TF_HANG: 'destroy-plan' });
    const destroy = runCommand(options('destroy', '--yes'), p.io());
    await started(p, 'plan');
    process.emit('SIGTERM', 'SIGTERM');
    const error = await interrupted(destroy);
    expect(error.message).toMatch(
      /nothing was changed: no resource was destroyed or taken out of the state/,
    );
    expect(error.message).toMatch(/state\/backups\/payment-dev-.*\.tfstate/);
    expect(p.subcommands()).not.toContain('destroy apply');
  });
});

const realTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!realTerraform)('signals with the real Terraform', () => {
  it('SIGTERM reaches a running apply, which saves its state and releases its lock before we stop', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'payment-signal-'));
    try {
      // A resource whose creation takes 30 s, with no provider to download; it marks when its
      // creation has begun, so the signal arrives mid-apply however slow the machine is.
      writeFileSync(
        join(cwd, 'main.tf.json'),
        JSON.stringify({
          resource: {
            terraform_data: {
              slow: { provisioner: [{ 'local-exec': { command: 'touch creating && sleep 30' } }] },
            },
          },
        }),
      );
      const binary = findTerraform(process.env);
      expect((await runTerraform(binary, ['init', '-input=false'], { cwd })).status).toBe(0);
      const apply = runTerraform(binary, ['apply', '-input=false', '-auto-approve'], { cwd });
      const lock = join(cwd, '.terraform.tfstate.lock.info');
      const creating = join(cwd, 'creating');
      for (let i = 0; i < 600 && !existsSync(creating); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(creating)).toBe(true);
      expect(existsSync(lock)).toBe(true);
      const began = Date.now();
      process.emit('SIGTERM', 'SIGTERM');
      const error = await interrupted(apply);
      expect(Date.now() - began).toBeLessThan(20_000);
      expect(error.killed).toBe(false);
      expect(error.message).toMatch(/released the state lock/);
      // Terraform released its lock and wrote the state it reached.
      expect(existsSync(lock)).toBe(false);
      expect(readFileSync(join(cwd, 'terraform.tfstate'), 'utf8')).toContain('terraform_data');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});
