/**
 * Files that hold secrets are private (issue 21): state, backups, saved plans and plan JSON
 * are created 0600 in 0700 folders, whatever the umask, with no moment when they are readable.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeployArgs } from '../../src/cli/commands/deploy';
import type { CommandOptions } from '../../src/deploy/args';
import { runCommand } from '../../src/deploy/commands';
import { FakeProject } from '../helpers/fake-project';
import { scratchFolders } from '../helpers/scratch';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

let dev: TerraformJson;
const scratch = scratchFolders('payment-private-');

beforeAll(() => {
  dev = synthesize({ ENVIRONMENT: 'dev' }).json;
}, 60_000);

function options(command: CommandOptions['command'], ...args: string[]): CommandOptions {
  return parseDeployArgs(command, args);
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

describe('secret-bearing files are 0600 in 0700 folders', () => {
  it('plan --json: the saved plan (written by Terraform), its record and its JSON', async () => {
    const p = new FakeProject();
    p.fixtures.set('payment-dev', dev);
    // A state file an earlier version left readable.
    mkdirSync(join(p.root, 'state'), { mode: 0o755 });
    writeFileSync(join(p.root, 'state', 'payment-dev.tfstate'), '{}', { mode: 0o644 });
    await runCommand(options('plan', '--json'), p.io());
    const dir = p.stackDir('payment-dev');
    expect(mode(dir)).toBe('700');
    for (const file of ['plan.tfplan', 'plan.meta.json', 'plan.json']) {
      expect([file, mode(join(dir, file))]).toEqual([file, '600']);
    }
    expect(mode(join(p.root, 'state'))).toBe('700');
    expect(mode(join(p.root, 'state', 'payment-dev.tfstate'))).toBe('600');
  });

  it('destroy: the state backup and its folders', async () => {
    const p = new FakeProject();
    p.fixtures.set('payment-dev', dev);
    await runCommand(options('destroy', '--yes'), p.io());
    const backups = join(p.root, 'state', 'backups');
    expect(mode(join(p.root, 'state'))).toBe('700');
    expect(mode(backups)).toBe('700');
    const [backup] = readdirSync(backups);
    expect(mode(join(backups, backup!))).toBe('600');
  });

  it('whatever the umask: 000 and 277 give exactly 0600 files in 0700 folders', () => {
    const dir = scratch();
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { writePrivateFile } from ${JSON.stringify(join(__dirname, '../../src/deploy/private-files'))};
       writePrivateFile(process.argv[2] + '/deep/folder/secret.tfstate', '{"secret":1}');
       writePrivateFile(process.argv[2] + '/deep/folder/backup.tfstate', 'x', { exclusive: true });`,
    );
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      outfile: join(dir, 'run.cjs'),
      logLevel: 'silent',
    });
    for (const umask of ['000', '277']) {
      const target = join(dir, `umask-${umask}`);
      execFileSync('/bin/sh', [
        '-c',
        `umask ${umask} && exec node "$0" "$1"`,
        join(dir, 'run.cjs'),
        target,
      ]);
      expect(mode(join(target, 'deep', 'folder'))).toBe('700');
      expect(mode(join(target, 'deep', 'folder', 'secret.tfstate'))).toBe('600');
      expect(mode(join(target, 'deep', 'folder', 'backup.tfstate'))).toBe('600');
      // No temporary sibling is left behind.
      expect(readdirSync(join(target, 'deep', 'folder')).sort()).toEqual([
        'backup.tfstate',
        'secret.tfstate',
      ]);
    }
  });
});
