// Regenerates docs/cost.md and docs/resilience.md from the committed environments: synthesizes
// dev, staging and prod (each as `npm run synth` does, configuration from
// compliance/docs-config/<environment>.json when present) into one temporary folder, then runs
// `npm run cost` (idle, small, medium and large) and `npm run resilience` over them. The price
// age is measured at the table's research date so that the documents do not change with the
// calendar. Usage: npm run cost:docs (builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'cost-docs-'));
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
if (status === 0)
  status = run(['dist/cost/cli.js', '--docs', '--dir', out, '--output', 'docs/cost.md']);
if (status === 0)
  status = run([
    'dist/resilience/cli.js',
    '--dir',
    out,
    '--format',
    'markdown',
    '--output',
    'docs/resilience.md',
  ]);
rmSync(out, { recursive: true, force: true });
process.exitCode = status ?? 1;
