/**
 * src/deploy/synth.ts: synthesizeAccountAndGate, and the commands that use it.
 * `npm run plan -- --account NAME` and `npm run deploy -- --account NAME`: the account
 * baseline's stacks go through the same guarded path as an environment (synthesis and the gate
 * under the output lock, a saved plan, its record, prod's replacement guard), against the fake
 * terraform; destroy never takes the baseline.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import { synthesizeAccountAndGate } from '../../src/deploy/synth';
import { InputProblem, UsageProblem } from '../../src/errors/problems';
import { FakeProject } from '../helpers/fake-project';

const REPO = resolve(__dirname, '..', '..');

function withAccount(p: FakeProject, text?: string): void {
  // The conformance packs the baseline deploys ship with the repository.
  cpSync(join(REPO, 'vendor', 'aws-config-rules'), join(p.root, 'vendor', 'aws-config-rules'), {
    recursive: true,
  });
  mkdirSync(join(p.root, 'config', 'accounts'), { recursive: true });
  writeFileSync(
    join(p.root, 'config', 'accounts', 'main.json'),
    text ?? readFileSync(join(REPO, 'config', 'accounts', 'main.json')),
  );
}

/** The fake project, deploying through the real account synthesis and gate. */
function accountIo(p: FakeProject) {
  const io = p.io();
  return {
    ...io,
    synthesize: () => {
      throw new Error('an --account run must not synthesize environments');
    },
    synthesizeAccount: (name: string) => {
      const stacks = synthesizeAccountAndGate(name, io);
      // The fake terraform plans creating everything the first stack declares.
      p.stage(JSON.parse(readFileSync(stacks[0]!.file, 'utf8')));
      return stacks;
    },
  };
}

function options(command: CommandOptions['command'], ...args: string[]): CommandOptions {
  return parseDeployArgs(command, args);
}

describe('plan and deploy --account', () => {
  it('plans every stack of the baseline through the gate, and says how to apply it', async () => {
    const p = new FakeProject();
    withAccount(p);
    await runCommand(options('plan', '--account', 'main'), accountIo(p));
    const planned = p.calls().filter((c) => c.args[0] === 'plan');
    expect(planned.map((c) => c.cwd)).toEqual([
      p.stackDir('payment-account-main'),
      p.stackDir('payment-account-main-use1'),
    ]);
    expect(p.printed()).toContain('PASS: no unsuppressed finding');
    expect(p.printed()).toContain('apply it with `npm run deploy -- --account main`');
    expect(p.printed()).not.toContain('--env account');
  });

  it('applies the saved plans and writes each stack its own outputs', async () => {
    const p = new FakeProject();
    withAccount(p);
    await runCommand(options('plan', '--account', 'main'), accountIo(p));
    await runCommand(options('deploy', '--account', 'main'), accountIo(p));
    const applied = p.calls().filter((c) => c.args[0] === 'apply');
    expect(applied).toHaveLength(2);
    expect(applied.every((c) => c.args.join(' ') === 'apply -input=false plan.tfplan')).toBe(true);
    const record = JSON.parse(
      readFileSync(
        join(p.root, 'cfn-outputs', 'payment-account-main', 'flat-outputs.meta.json'),
        'utf8',
      ),
    );
    // The baseline is held to prod's rules (its Profile tag).
    expect(record).toMatchObject({ stack: 'payment-account-main', profile: 'prod' });
  });

  it('without a saved plan, names the command with the account selection', async () => {
    const p = new FakeProject();
    withAccount(p);
    await expect(runCommand(options('deploy', '--account', 'main'), accountIo(p))).rejects.toThrow(
      /no saved plan.*npm run plan -- --account main/,
    );
    expect(p.subcommands()).not.toContain('apply');
  });

  it('refuses an invalid account file before Terraform runs (exit 2), naming the field', async () => {
    const p = new FakeProject();
    withAccount(p, JSON.stringify({ accountId: '12345', homeRegion: 'us-east-1' }));
    const run = runCommand(options('plan', '--account', 'main'), accountIo(p));
    await expect(run).rejects.toBeInstanceOf(InputProblem);
    await expect(runCommand(options('plan', '--account', 'main'), accountIo(p))).rejects.toThrow(
      /accountId/,
    );
    expect(p.subcommands()).toEqual(['version', 'version']);
  });

  it('does not combine --account with environments', () => {
    for (const extra of [['--env', 'dev'], ['--all'], ['--env', 'dev', '--ephemeral', 'pr1']])
      expect(() => options('plan', '--account', 'main', ...extra)).toThrow(UsageProblem);
  });

  it('destroy takes no --account: the baseline keeps the audit trail', async () => {
    expect(() => options('destroy', '--account', 'main')).toThrow(/--account/);
    const p = new FakeProject();
    withAccount(p);
    const library: CommandOptions = { ...options('destroy', '--yes'), account: 'main' };
    await expect(runCommand(library, accountIo(p))).rejects.toThrow(
      /destroy does not take --account/,
    );
    expect(p.subcommands()).toEqual([]);
  });
});
