// Regenerates docs/compliance.md, the auditor's view, from the default environments:
// synthesizes dev, staging and prod (each exactly as `npm run synth` does) into one
// temporary output folder, then runs the gate over all three with --format markdown.
// An environment that needs configuration to synthesize (prod requires a real certificate
// once the edge tier exists) takes it from compliance/docs-config/<environment>.json.
// Usage: npm run check:docs (builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'compliance-docs-'));
const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

let status = 0;
for (const environment of ['dev', 'staging', 'prod']) {
  const config = join('compliance', 'docs-config', `${environment}.json`);
  status = run(['dist/main.js'], {
    ENVIRONMENT: environment,
    CDKTF_OUTDIR: out,
    ...(existsSync(config) ? { CONFIG_FILE: config } : {}),
  });
  if (status !== 0) break;
}
if (status === 0) status = run(['dist/compliance/cli.js', '--dir', out, '--format', 'markdown']);
rmSync(out, { recursive: true, force: true });
process.exitCode = status ?? 1;
