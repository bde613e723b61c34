/**
 * The one command-line contract, over every command: `--help` prints the usage and exits 0,
 * and the exit-code policy holds (0 nothing found, 1 found or refused, 2 usage or input,
 * 3 internal error with a --debug hint).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../src/cli/commands';
import type { Command } from '../../src/cli/contract';
import { defineCommand, usage } from '../../src/cli/contract';
import { InputProblem, OperationFailed } from '../../src/errors/problems';
import { runCommand } from '../helpers/command';
import { scratchFolders } from '../helpers/scratch';

const root = resolve(__dirname, '..', '..');
const scratch = scratchFolders('contract-');

const COMMANDS = allCommands({
  synthesize: () => {
    throw new Error('no synthesis in this test');
  },
  synthesizeAtRef: () => {
    throw new Error('no synthesis in this test');
  },
});

describe('every command', () => {
  it('is listed once, with a name npm run knows', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const scripts = Object.keys(
      (
        JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
          scripts: Record<string, string>;
        }
      ).scripts,
    );
    expect(names.filter((n) => !scripts.includes(n))).toEqual([]);
  });

  for (const command of COMMANDS) {
    describe(`npm run ${command.name}`, () => {
      it('--help and -h print its usage on standard output and exit 0', async () => {
        for (const flag of ['--help', '-h']) {
          const run = await runCommand(command, [flag], { cwd: scratch() });
          expect(run.code).toBe(0);
          expect(run.err).toBe('');
          expect(run.out).toMatch(new RegExp(`^Usage: npm run ${command.name} -- \\[options\\]`));
          expect(run.out).toContain('--help, -h');
          expect(run.out).toContain('--debug');
          expect(run.out).toContain('Exit status: 0 nothing found, 1 something found');
        }
      });

      it('--help wins over anything else on the line, and touches nothing', async () => {
        const cwd = scratch();
        const run = await runCommand(command, ['--no-such-option', '--help'], { cwd });
        expect(run.code).toBe(0);
        expect(run.out).toContain(`Usage: npm run ${command.name}`);
      });

      it('an unknown option exits 2 with one line naming it and pointing at --help', async () => {
        const run = await runCommand(command, ['--no-such-option'], { cwd: scratch() });
        expect(run.code).toBe(2);
        expect(run.out).toBe('');
        expect(run.err).toBe(
          `${command.name}: unknown option "--no-such-option"\nRun npm run ${command.name} -- --help for the options.\n`,
        );
      });
    });
  }
});

describe('the exit-code policy', () => {
  const failing = (error: unknown): Command =>
    defineCommand({
      name: 'probe',
      summary: 'A command that fails on purpose.',
      options: {},
      run: () => {
        throw error;
      },
    });

  it('maps input problems to 2, refused or failed operations to 1, defects to 3', async () => {
    const input = await runCommand(failing(new InputProblem('config/dev.json: bad')), []);
    expect([input.code, input.err]).toEqual([2, 'probe: config/dev.json: bad\n']);
    const refused = await runCommand(failing(new OperationFailed('prod refuses it')), []);
    expect([refused.code, refused.err]).toEqual([1, 'probe: prod refuses it\n']);
    const defect = await runCommand(failing(new TypeError('x is undefined')), []);
    expect(defect.code).toBe(3);
    expect(defect.err).toMatch(
      /^probe: internal error: x is undefined \(at .*contract\.test\.ts:\d+/,
    );
    expect(defect.err).toContain('Rerun with --debug for the stack trace.');
    expect(defect.err).not.toMatch(/\n\s+at /);
  });

  it('prints the stack trace of a defect with --debug, naming the file and line', async () => {
    const run = await runCommand(failing(new TypeError('x is undefined')), ['--debug']);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/\n\s+at .*contract\.test\.ts:\d+:\d+/);
  });

  it('handles a rejected promise like a thrown error', async () => {
    const asynchronous = defineCommand({
      name: 'probe',
      summary: 'Fails later.',
      options: {},
      run: async () => {
        await Promise.resolve();
        throw new OperationFailed('verification failed');
      },
    });
    const run = await runCommand(asynchronous, []);
    expect([run.code, run.err]).toEqual([1, 'probe: verification failed\n']);
  });

  it('prints a multi-line message as it is (it starts with its own subject)', async () => {
    const run = await runCommand(
      failing(new InputProblem('Invalid configuration (1 problem):\n  azCount: 9 is outside 2-6.')),
      [],
    );
    expect(run.err).toBe('Invalid configuration (1 problem):\n  azCount: 9 is outside 2-6.\n');
  });

  it('usage lists the common options after the command own ones', () => {
    const text = usage(failing(new Error('unused')));
    expect(text.indexOf('--verbose')).toBeLessThan(text.indexOf('--debug'));
    expect(text.indexOf('--debug')).toBeLessThan(text.indexOf('--help'));
  });
});

describe('every bundled entry point', () => {
  // The wiring, as npm runs it: each bundle answers --help with its usage and exit 0.
  const listed = /export const ENTRY_POINTS = \[([^\]]*)\]/.exec(
    readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8'),
  )?.[1];
  const entries: ReadonlyArray<[string, string[]]> = [...(listed ?? '').matchAll(/'([^']+)'/g)].map(
    ([, entry]) => [entry!, entry === 'deploy' ? ['plan'] : []],
  );
  it('reads the entry points of scripts/build.mjs', () => {
    expect(entries.map(([entry]) => entry)).toContain('synth');
  });
  it('each answers --help with its usage and exit 0 (run side by side)', async () => {
    // Built once first, so the parallel runs do not each rebuild dist/.
    expect(spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')]).status).toBe(0);
    const results = await Promise.all(
      entries.map(
        ([entry, prefix]) =>
          new Promise<{ entry: string; status: number | null; stdout: string; stderr: string }>(
            (done) => {
              const child = spawn(
                process.execPath,
                [join(root, 'scripts', 'run.mjs'), entry, ...prefix, '--help'],
                { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
              );
              let stdout = '';
              let stderr = '';
              child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
              child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
              child.on('close', (status) => done({ entry, status, stdout, stderr }));
            },
          ),
      ),
    );
    for (const r of results) {
      expect([r.entry, r.status, r.stderr]).toEqual([r.entry, 0, '']);
      expect(r.stdout, r.entry).toMatch(/^Usage: npm run \S+ -- \[options\]/);
    }
  });
});
