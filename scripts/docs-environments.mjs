// The committed environments the generated documents describe (docs/architecture-<env>.*,
// docs/cost.md, docs/resilience.md): dev, staging and prod, each synthesized exactly as
// `npm run synth` does (gate included) into one output folder, whose manifest lists all
// three. An environment that needs configuration to synthesize (prod requires a real
// certificate) takes it from compliance/docs-config/<environment>.json. `run` is the one way
// the docs scripts start a step (scripts/compliance-docs.mjs too).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DOCS_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** Runs `node <args>` with extra environment; `quiet` shows its output only on failure. */
export function run(args, env = {}, quiet = false) {
  const result = spawnSync(process.execPath, args, {
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (quiet && result.status !== 0) process.stdout.write(result.stdout);
  return result.status ?? 1;
}

/** Synthesizes every docs environment into `out`; returns the first non-zero status, or 0. */
export function synthesizeDocsEnvironments(out) {
  for (const environment of DOCS_ENVIRONMENTS) {
    const config = join('compliance', 'docs-config', `${environment}.json`);
    // Each synthesis prints its own gate report: shown only when it fails.
    const status = run(
      ['dist/cli/synth.js'],
      {
        ENVIRONMENT: environment,
        CDKTF_OUTDIR: out,
        ...(existsSync(config) ? { CONFIG_FILE: config } : {}),
      },
      true,
    );
    if (status !== 0) return status;
  }
  return 0;
}
