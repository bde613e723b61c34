/**
 * Synthesis as a function, for `npm run synth` and any tool that needs fresh stacks (plan,
 * deploy, diff): validated configurations in, the stacks written out.
 *
 * Writes into a staging folder beside the output folder, then moves only the files synthesis
 * owns into place (`./output.ts`), so a failure leaves the output as it was and Terraform's
 * files in each stack's working directory survive. Local state lives in `state/` at the
 * project root (`./state.ts`); a state file in its old place is moved there first.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createApp } from '../stacks/app';
import { MANIFEST_FILE, readManifest } from '../tfjson/load';
import { withLock } from './lock';
import type { ProfileName } from '../config/profiles';
import type { AppConfig } from '../config/types';
import { PaymentStack, stackName } from '../stacks/payment-stack';
import { placeSynthesis, stagingFolder } from './output';
import { applyMovesFiles } from './moves';
import type { StateMove } from './state';
import {
  assertNoStateConflict,
  localBackendPath,
  moveStateFiles,
  planStateMigration,
  stateFile,
} from './state';
import { InputProblem } from '../errors/problems';

export interface SynthesizeOptions {
  /** The validated configurations, one stack each (`payment-<suffix>`). */
  readonly configs: readonly AppConfig[];
  /** Output folder, absolute or relative to `projectRoot` (see `defaultOutdir`). */
  readonly outdir: string;
  /** The project root: `state/` lives here. */
  readonly projectRoot: string;
  /** Where to say that another run holds the output folder's lock. @default standard error */
  readonly onWait?: (message: string) => void;
}

/** One stack this run wrote. Paths are absolute. */
export interface SynthesizedStack {
  readonly name: string;
  readonly profile: ProfileName;
  readonly region: string;
  /** Where Terraform runs for this stack: `<outdir>/stacks/<name>`. */
  readonly workingDirectory: string;
  /** `<workingDirectory>/cdk.tf.json`. */
  readonly synthesizedStackPath: string;
  /** The local state file; `undefined` with the S3 backend. */
  readonly stateFile: string | undefined;
}

export interface SynthesisResult {
  /** Absolute output folder. */
  readonly outdir: string;
  readonly stacks: readonly SynthesizedStack[];
  /** State files moved out of the output folder by this run. */
  readonly movedState: readonly StateMove[];
}

export class DuplicateStackError extends InputProblem {}

/**
 * Synthesizes every configuration in one app. Throws (leaving the output folder and every
 * state file untouched) on a duplicate stack name, a state conflict (`StateConflictError`) or
 * a synthesis error.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const projectRoot = resolve(options.projectRoot);
  const outdir = resolve(projectRoot, options.outdir);
  const names = options.configs.map((c) => stackName(c.suffix));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0)
    throw new DuplicateStackError(
      `two configurations synthesize the same stack ${[...new Set(repeated)].join(', ')}; give each environment its own ENVIRONMENT_SUFFIX`,
    );
  // One writer at a time (src/synth/lock.ts): two runs merging manifest.json at once lose a
  // stack, and one's gate would read the other's files.
  return withLock(outdir, () => synthesizeLocked(options, projectRoot, outdir), {
    command: 'synthesis',
    onWait: options.onWait ?? ((message) => void process.stderr.write(message)),
  });
}

function synthesizeLocked(
  options: SynthesizeOptions,
  projectRoot: string,
  outdir: string,
): SynthesisResult {
  const names = options.configs.map((c) => stackName(c.suffix));
  removeLeftovers(outdir);
  const workingDirectory = (name: string) => join(outdir, 'stacks', name);
  const local = options.configs.filter((c) => c.backend.kind === 'local');
  const moves = local.flatMap((c) => {
    const name = stackName(c.suffix);
    return planStateMigration(projectRoot, workingDirectory(name), name);
  });
  assertNoStateConflict(moves);
  // A malformed manifest stops the run here, before any state file moves.
  readManifest(outdir);

  // cdktn captures a stack trace for every token and resource, a tenth of a synthesis, used
  // only in token error messages; it reads this variable as each is created. Off unless the
  // caller chose: `CDKTN_DISABLE_CREATION_STACK=false npm run synth` brings the traces back.
  process.env['CDKTN_DISABLE_CREATION_STACK'] ??= 'true';
  const staging = stagingFolder(outdir);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(staging), { recursive: true });
  try {
    const app = createApp(staging);
    for (const config of options.configs) {
      const name = stackName(config.suffix);
      new PaymentStack(app, name, {
        config,
        localStatePath: localBackendPath(projectRoot, workingDirectory(name), name),
      });
    }
    app.synth();
    // The committed moves files (./moves.ts), checked before anything leaves the staging
    // folder: a bad entry stops the run with the output and state untouched.
    applyMovesFiles(projectRoot, staging, names);
    moveStateFiles(moves);
    placeSynthesis(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return {
    outdir,
    movedState: moves,
    stacks: options.configs.map((config) => {
      const name = stackName(config.suffix);
      return {
        name,
        profile: config.profile,
        region: config.region,
        workingDirectory: workingDirectory(name),
        synthesizedStackPath: join(workingDirectory(name), 'cdk.tf.json'),
        stateFile: config.backend.kind === 'local' ? stateFile(projectRoot, name) : undefined,
      };
    }),
  };
}

/**
 * What an interrupted run left beside and in the output folder: staging folders
 * (`<outdir>.staging-<pid>`) and temporary manifests (`manifest.json.tmp-<pid>`). Called
 * holding the lock, so no other run is writing them.
 */
function removeLeftovers(outdir: string): void {
  const parent = dirname(outdir);
  const prefix = `${basename(outdir)}.staging-`;
  for (const entry of existsSync(parent) ? readdirSync(parent) : []) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
  for (const entry of existsSync(outdir) ? readdirSync(outdir) : []) {
    if (entry.startsWith(`${MANIFEST_FILE}.tmp-`)) rmSync(join(outdir, entry), { force: true });
  }
}
