// The committed environments the generated docs describe (docs/compliance.md and
// docs/architecture-<env>.svg): dev, staging and prod, each synthesized exactly as
// `npm run synth` does into one output folder. An environment that needs configuration to
// synthesize (prod requires a real certificate) takes it from
// compliance/docs-config/<environment>.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DOCS_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** Runs `node <args>` with extra environment; returns the exit status. */
export function run(args, env = {}) {
  return (
    spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } })
      .status ?? 1
  );
}

/**
 * Synthesizes every docs environment into `out` (or, with `eachInOwnFolder`, into
 * `out/<environment>`, each with its own manifest); returns the first non-zero status, or 0.
 */
export function synthesizeDocsEnvironments(out, eachInOwnFolder = false) {
  for (const environment of DOCS_ENVIRONMENTS) {
    const config = join('compliance', 'docs-config', `${environment}.json`);
    const status = run(['dist/main.js'], {
      ENVIRONMENT: environment,
      CDKTF_OUTDIR: eachInOwnFolder ? join(out, environment) : out,
      ...(existsSync(config) ? { CONFIG_FILE: config } : {}),
    });
    if (status !== 0) return status;
  }
  return 0;
}
