// Regenerates docs/compliance.md, the auditor's view, from the default environments:
// synthesizes dev, staging and prod (each exactly as `npm run synth` does, gate included)
// into one temporary output folder, then runs the gate over all three with --format markdown.
// An environment that needs configuration to synthesize (prod requires a real certificate
// once the edge tier exists) takes it from compliance/docs-config/<environment>.json.
// Usage: npm run check:docs (builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'compliance-docs-'));
// Each synthesis prints its own gate report: shown only when it fails.
const run = (args, env = {}, quiet = false) => {
  const result = spawnSync(process.execPath, args, {
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (quiet && result.status !== 0) process.stdout.write(result.stdout);
  return result.status;
};

let status = 0;
for (const environment of ['dev', 'staging', 'prod']) {
  const config = join('compliance', 'docs-config', `${environment}.json`);
  status = run(
    ['dist/main.js'],
    {
      ENVIRONMENT: environment,
      CDKTF_OUTDIR: out,
      ...(existsSync(config) ? { CONFIG_FILE: config } : {}),
    },
    true,
  );
  if (status !== 0) break;
}
const docs = ['--format', 'markdown', '--output', 'docs/compliance.md'];
if (status === 0) status = run(['dist/compliance/cli.js', '--dir', out, ...docs]);
rmSync(out, { recursive: true, force: true });
process.exitCode = status ?? 1;
