/**
 * `npm run bootstrap -- --region <region>`: the S3 bucket (and its KMS key) that holds every
 * environment's Terraform state in an account and Region, as its own small stack
 * (`payment-tfstate`, local state in state/payment-tfstate.tfstate: commit nothing of it, keep
 * it safe). First run: synthesize, gate, plan and show the summary; with `--apply`, apply that
 * saved plan and print the backend settings for the environments.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktn';
import { TARGET_VERSIONS } from '../app';
import { AWS_REGIONS } from '../config/regions';
import { STATE_STACK_NAME, StateBucketStack } from '../stacks/state-bucket-stack';
import type { CommandOptions } from './args';
import { FLAT_OUTPUTS, OUTPUTS_DIR, runStacks } from './commands';
import type { DeployIo } from './commands';
import { DeployError, UsageError } from './errors';
import type { SynthIo } from './synth';
import { gate, installStack } from './synth';
import { stacksFromManifest } from './stacks';

export interface BootstrapOptions {
  readonly region: string;
  readonly apply: boolean;
}

export const BOOTSTRAP_USAGE = `Usage: npm run bootstrap -- --region <region> [--apply]
  plans the Terraform state bucket and its KMS key for this account and Region;
  --apply applies that saved plan and prints the backend settings`;

export function parseBootstrapArgs(args: readonly string[]): BootstrapOptions | 'help' {
  let region: string | undefined;
  let apply = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--apply') apply = true;
    else if (arg === '--region' || arg.startsWith('--region=')) {
      region = arg.includes('=') ? arg.slice('--region='.length) : args[++i];
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (!region) throw new UsageError('--region is required. Example: --region eu-west-1');
  if (!(region in AWS_REGIONS)) {
    throw new UsageError(
      `--region "${region}" is not an AWS Region this project knows. Example: --region eu-west-1`,
    );
  }
  return { region, apply };
}

/** Synthesizes the state stack into cdktf.out (keeping the folder's Terraform files) and gates it. */
export function synthesizeStateStack(region: string, io: SynthIo): void {
  const scratch = mkdtempSync(join(io.projectRoot, 'cdktf.out.synth-'));
  try {
    const app = new App({ outdir: scratch, context: { targetVersions: TARGET_VERSIONS } });
    new StateBucketStack(app, STATE_STACK_NAME, { region });
    app.synth();
    installStack(scratch, join(io.projectRoot, 'cdktf.out'), io);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  gate(stacksFromManifest(join(io.projectRoot, 'cdktf.out'), [STATE_STACK_NAME]), io);
}

export function bootstrap(options: BootstrapOptions, io: DeployIo): void {
  const command: CommandOptions = {
    command: options.apply ? 'deploy' : 'plan',
    environments: [],
    all: false,
    json: false,
    migrateState: false,
    allowReplace: [],
    confirmDestroy: undefined,
    yes: false,
    protectionOff: false,
  };
  runStacks(command, io, () => {
    synthesizeStateStack(options.region, io);
    return stacksFromManifest(join(io.projectRoot, 'cdktf.out'), [STATE_STACK_NAME]);
  });
  if (!options.apply) {
    io.stdout(
      `Review the plan, then run \`npm run bootstrap -- --region ${options.region} --apply\`\n`,
    );
    return;
  }
  const file = join(io.projectRoot, OUTPUTS_DIR, STATE_STACK_NAME, FLAT_OUTPUTS);
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (!outputs.state_bucket_name || !outputs.state_kms_key_arn) {
    throw new DeployError(`${file} lacks state_bucket_name or state_kms_key_arn`);
  }
  io.stdout(
    [
      'Backend settings for every environment in this account and Region:',
      `  export TERRAFORM_STATE_BUCKET=${outputs.state_bucket_name}`,
      `  export TERRAFORM_STATE_BUCKET_REGION=${options.region}`,
      `  export TERRAFORM_STATE_KMS_KEY_ID=${outputs.state_kms_key_arn}`,
      "Keep state/payment-tfstate.tfstate (the bucket's own state) safe, e.g. in a private repository or vault.",
      '',
    ].join('\n'),
  );
}
