import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeProject } from '../helpers/fake-project';

const SCRIPT = resolve('scripts/providers-mirror.sh');

describe('scripts/providers-mirror.sh', () => {
  it('mirrors and locks the providers of every stack in the manifest, and writes a mirror-only CLI config', () => {
    const p = new FakeProject();
    p.fixtures.set('payment-dev', { terraform: {}, provider: {}, resource: {}, output: {} });
    p.synthesize(['payment-dev']);
    const mirror = join(p.root, 'mirror');
    execFileSync(SCRIPT, [mirror, 'linux_amd64', 'darwin_arm64'], {
      cwd: p.root,
      env: { ...process.env, ...p.env },
      stdio: 'pipe',
    });
    const calls = p.calls().map((c) => c.args.join(' '));
    expect(calls).toEqual([
      `providers mirror -platform=linux_amd64 -platform=darwin_arm64 ${mirror}`,
      `providers lock -fs-mirror=${mirror} -platform=linux_amd64 -platform=darwin_arm64`,
    ]);
    expect(existsSync(join(p.stackDir('payment-dev'), '.terraform.lock.hcl'))).toBe(true);
    const tfrc = readFileSync(join(mirror, 'terraform.tfrc'), 'utf8');
    expect(tfrc).toContain(`path    = "${mirror}"`);
    expect(tfrc).toMatch(/direct \{\n\s+exclude = \["registry\.terraform\.io\/\*\/\*"\]/);
  });

  it('stops with a clear message when nothing is synthesized', () => {
    const p = new FakeProject();
    expect(() =>
      execFileSync(SCRIPT, [join(p.root, 'mirror')], {
        cwd: p.root,
        env: { ...process.env, ...p.env },
        stdio: 'pipe',
      }),
    ).toThrow(/run npm run synth first/);
  });
});
