// The committed environments the generated documents describe (docs/architecture-<env>.*,
// docs/cost.md, docs/resilience.md): dev, staging and prod, each synthesized exactly as
// `npm run synth -- --env <name>` does (gate included), from its committed config/<name>.json
// (the one resolver, src/config/environments.ts), into one output folder whose manifest lists
// all three. `run` is the one way the docs scripts start a step (scripts/compliance-docs.mjs too).
import { spawnSync } from 'node:child_process';

export const DOCS_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** Runs `node <args>` with extra environment; `quiet` shows its output only on failure. */
export function run(args, env = {}, quiet = false, cwd = process.cwd()) {
  const result = spawnSync(process.execPath, args, {
    cwd,
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
    // Each synthesis prints its own gate report: shown only when it fails. No variable of the
    // caller's shell may change an environment: only the output folder is set.
    const status = run(
      ['dist/cli/synth.js', '--env', environment],
      {
        ENVIRONMENT: undefined,
        ENVIRONMENT_SUFFIX: undefined,
        CONFIG_FILE: undefined,
        CDKTF_OUTDIR: out,
      },
      true,
    );
    if (status !== 0) return status;
  }
  return 0;
}
