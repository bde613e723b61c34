/**
 * Synthesis of one account's baseline (docs/account-baseline.md): its stacks, written beside
 * the environments' in the same output folder (the manifest keeps both), through the same
 * staging folder and atomic placement as `synthesize`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AccountBaselineConfig } from '../config/account-baseline';
import type { Environment } from '../config/load';
import { deriveCiEnvironments } from './account-ci';
import { accountBaselineStacks } from '../stacks/account-baseline';
import { createApp } from '../stacks/app';
import { readManifest } from '../tfjson/load';
import { applyMovesFiles } from './moves';
import { placeSynthesis, stagingFolder } from './output';
import { localBackendPath, stateFile } from './state';
import type { SynthesisResult } from './synthesize';

export interface SynthesizeAccountOptions {
  readonly config: AccountBaselineConfig;
  /** Output folder, absolute or relative to `projectRoot`. */
  readonly outdir: string;
  readonly projectRoot: string;
  /**
   * The variables the environments of `ci.environments` are resolved with (their stacks are
   * synthesized to derive the CI roles). @default `{}`
   */
  readonly env?: Environment;
}

/** Writes the baseline's stacks; throws, leaving the output as it was, on any error. */
export function synthesizeAccountBaseline(options: SynthesizeAccountOptions): SynthesisResult {
  const projectRoot = resolve(options.projectRoot);
  const outdir = resolve(projectRoot, options.outdir);
  const workingDirectory = (name: string) => join(outdir, 'stacks', name);
  readManifest(outdir);
  // Before the staging folder: an environment CI cannot use is the user's to fix, and nothing
  // is written.
  const ciEnvironments = options.config.ci
    ? deriveCiEnvironments({ config: options.config, projectRoot, env: options.env ?? {} })
    : undefined;
  process.env['CDKTN_DISABLE_CREATION_STACK'] ??= 'true';
  const staging = stagingFolder(outdir);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(staging), { recursive: true });
  let names: string[];
  try {
    const app = createApp(staging);
    names = accountBaselineStacks(
      app,
      options.config,
      (name) => localBackendPath(projectRoot, workingDirectory(name), name),
      ciEnvironments,
    ).map((s) => s.node.id);
    app.synth();
    // The committed moves files (./moves.ts), as for the environments: a renamed construct
    // here would destroy the trail's object-locked bucket or a key.
    applyMovesFiles(projectRoot, staging, names);
    placeSynthesis(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const regions = [options.config.homeRegion, ...options.config.regions.map((r) => r.region)];
  return {
    outdir,
    movedState: [],
    stacks: names.map((name, i) => ({
      name,
      profile: 'prod',
      region: regions[i]!,
      workingDirectory: workingDirectory(name),
      synthesizedStackPath: join(workingDirectory(name), 'cdk.tf.json'),
      stateFile: stateFile(projectRoot, name),
    })),
  };
}
