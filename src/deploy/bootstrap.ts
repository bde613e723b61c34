/**
 * `npm run bootstrap -- --region <region>`: the S3 bucket (and its KMS key) that holds every
 * environment's Terraform state in an account and Region, as its own small stack
 * (`payment-tfstate`, local state in state/payment-tfstate.tfstate: commit nothing of it, keep
 * it safe). First run: synthesize, gate, plan and show the summary; with `--apply`, apply that
 * saved plan and print the backend settings for the environments.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createApp } from '../stacks/app';
import { gateSynthesized } from '../compliance/run';
import { defaultOutdir } from '../tfjson/outdir';
import { applyMovesFiles } from '../synth/moves';
import { placeSynthesis, stagingFolder } from '../synth/output';
import { localBackendPath } from '../synth/state';
import { STATE_STACK_NAME, StateBucketStack } from '../stacks/state-bucket-stack';
import { commandOptionsFor } from './args';
import { FLAT_OUTPUTS, OUTPUTS_DIR, runStacks } from './commands';
import type { DeployIo } from './commands';
import { DeployError } from './errors';
import type { SynthIo } from './synth';
import { stacksFromManifest } from './stacks';

export interface BootstrapOptions {
  readonly region: string;
  readonly apply: boolean;
  /** IAM roles or users that administer the state key (prod rules apply to this stack). */
  readonly keyAdministrators: readonly string[];
  /**
   * The accounts the stack's AWS provider may act in (`allowed_account_ids`, gate rule
   * PAY-ACCT-001 for prod rules); the gate refuses the stack without one.
   */
  readonly allowedAccountIds?: readonly string[];
}

/**
 * Synthesizes the state stack into the output folder the way `npm run synth` places a stack
 * (only the files synthesis owns are replaced) and runs the gate over it.
 */
export function synthesizeStateStack(
  region: string,
  keyAdministratorArns: readonly string[],
  io: SynthIo & { readonly env?: Readonly<Record<string, string | undefined>> },
  allowedAccountIds: readonly string[] = [],
): void {
  const outdir = outdirOf(io.projectRoot, io.env ?? {});
  const staging = stagingFolder(outdir);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(staging), { recursive: true });
  try {
    const app = createApp(staging);
    const workingDirectory = join(outdir, 'stacks', STATE_STACK_NAME);
    new StateBucketStack(app, STATE_STACK_NAME, {
      region,
      keyAdministratorArns,
      allowedAccountIds,
      localStatePath: localBackendPath(io.projectRoot, workingDirectory, STATE_STACK_NAME),
    });
    app.synth();
    // moves/payment-tfstate.json (src/synth/moves.ts), checked before anything is placed.
    applyMovesFiles(io.projectRoot, staging, [STATE_STACK_NAME]);
    placeSynthesis(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  io.stdout(`Synthesized ${STATE_STACK_NAME} (${region})\n`);
  const code = gateSynthesized(
    { outdir, stacks: [{ name: STATE_STACK_NAME }] },
    {
      cwd: io.projectRoot,
      stdout: io.stdout,
      stderr: io.stderr,
      colour: false,
      synthesize: () => 1,
    },
  );
  if (code !== 0)
    throw new DeployError('The compliance gate failed (report above); nothing was planned.');
}

/** The output folder every command uses: CDKTF_OUTDIR, else cdktf.json's `output`, else cdktf.out. */
function outdirOf(projectRoot: string, env: Readonly<Record<string, string | undefined>>): string {
  return resolve(projectRoot, defaultOutdir(projectRoot, env));
}

export async function bootstrap(options: BootstrapOptions, io: DeployIo): Promise<void> {
  const command = commandOptionsFor(options.apply ? 'deploy' : 'plan');
  await runStacks(command, io, () => {
    synthesizeStateStack(
      options.region,
      options.keyAdministrators,
      io,
      options.allowedAccountIds ?? [],
    );
    return stacksFromManifest(outdirOf(io.projectRoot, io.env), [STATE_STACK_NAME]);
  });
  if (!options.apply) {
    io.stdout(`Review the plan, then run the same command with --apply\n`);
    return;
  }
  const file = join(io.projectRoot, OUTPUTS_DIR, STATE_STACK_NAME, FLAT_OUTPUTS);
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (
    typeof outputs.state_bucket_name !== 'string' ||
    typeof outputs.state_kms_key_arn !== 'string'
  ) {
    throw new DeployError(`${file} lacks state_bucket_name or state_kms_key_arn`);
  }
  io.stdout(
    [
      'The state backend of every environment in this account and Region: add it to each config/<name>.json (docs/environments.md):',
      `  "backend": ${JSON.stringify({ bucket: outputs.state_bucket_name, region: options.region, kmsKeyId: outputs.state_kms_key_arn })}`,
      "Keep state/payment-tfstate.tfstate (the bucket's own state) safe, e.g. in a private repository or vault.",
      '',
    ].join('\n'),
  );
}
