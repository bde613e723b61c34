/**
 * `npm run plan`, `npm run deploy`, `npm run destroy`: the three Terraform commands over the
 * synthesized stacks of the environments named (src/deploy/ does the work).
 */
import type { Command as DeployCommand, CommandOptions } from '../../deploy/args';
import { runCommand } from '../../deploy/commands';
import type { Step } from '../../deploy/terraform';
import { parseDuration, STEPS } from '../../deploy/terraform';
import { synthesizeAccountAndGate, synthesizeAndGate } from '../../deploy/synth';
import { UsageProblem } from '../../errors/problems';
import type { OptionSpecs, OptionValues } from '../args';
import { parseCommandLine } from '../args';
import type { Command } from '../contract';
import { defineCommand } from '../contract';
import { ACCOUNT_OPTION, ENVIRONMENT_OPTIONS as SELECTION_OPTIONS } from './shared';

const ENVIRONMENT_OPTIONS = {
  ...SELECTION_OPTIONS,
  timeout: {
    type: 'string',
    value: 'step=duration',
    example: 'apply=90m',
    multiple: true,
    help: `time limit of a Terraform step (${STEPS.join(', ')}; s, m or h), replacing its default`,
  },
} as const satisfies OptionSpecs;

/** `--timeout apply=90m` (repeatable) -> { apply: 5_400_000 }. */
export function parseTimeouts(values: readonly string[]): Partial<Record<Step, number>> {
  const timeouts: Partial<Record<Step, number>> = {};
  for (const text of values) {
    const [step, duration] = text.split('=', 2);
    const ms = duration === undefined ? undefined : parseDuration(duration);
    if (!(STEPS as readonly string[]).includes(step ?? '') || ms === undefined) {
      throw new UsageProblem(
        `--timeout "${text}" is not <step>=<duration> with a step of ${STEPS.join(', ')} and a duration in s, m or h. Example: --timeout apply=90m`,
      );
    }
    timeouts[step as Step] = ms;
  }
  return timeouts;
}

const SPECS = {
  plan: {
    ...ENVIRONMENT_OPTIONS,
    account: ACCOUNT_OPTION,
    json: {
      type: 'boolean',
      help: 'also write the plan as JSON to cdktf.out/stacks/<stack>/plan.json',
    },
    'migrate-state': {
      type: 'boolean',
      help: 'the backend changed: copy the state to the new one (never -reconfigure)',
    },
  },
  deploy: {
    ...ENVIRONMENT_OPTIONS,
    account: ACCOUNT_OPTION,
    'allow-replace': {
      type: 'string',
      value: 'address',
      example: 'aws_rds_cluster.Aurora_Cluster_2778A36C',
      multiple: true,
      help: 'prod: allow this plan to replace or destroy this stateful resource',
    },
  },
  destroy: {
    ...ENVIRONMENT_OPTIONS,
    yes: { type: 'boolean', help: 'go ahead (dev, staging and other non-prod stacks)' },
    'confirm-destroy': {
      type: 'string',
      value: 'stack',
      example: 'payment-prod',
      help: "required for prod: the stack's name",
    },
    'protection-off': {
      type: 'boolean',
      help: "the ALB's deletion protection was turned off with the AWS CLI",
    },
  },
} as const satisfies Record<DeployCommand, OptionSpecs>;

type Values<C extends DeployCommand> = OptionValues<(typeof SPECS)[C]>;

/** The typed options of a parsed command line (shared by the commands and their tests). */
export function commandOptions<C extends DeployCommand>(
  command: C,
  values: Values<C>,
): CommandOptions {
  const v = values as Partial<Values<'plan'> & Values<'deploy'> & Values<'destroy'>> &
    Values<'plan'>;
  if (v.all && v.env.length > 0) throw new UsageProblem('--all cannot be combined with --env');
  if (v.account !== undefined && (v.all || v.env.length > 0 || v.ephemeral !== undefined))
    throw new UsageProblem(
      `--account plans or deploys the account baseline alone: it cannot be combined with --env, --all or --ephemeral. Example: npm run ${command} -- --account ${v.account}`,
    );
  return {
    command,
    environments: v.env,
    all: v.all,
    ...(v.account !== undefined ? { account: v.account } : {}),
    ...(v.ephemeral !== undefined ? { ephemeral: v.ephemeral } : {}),
    json: v.json ?? false,
    migrateState: v['migrate-state'] ?? false,
    allowReplace: v['allow-replace'] ?? [],
    confirmDestroy: v['confirm-destroy'],
    yes: v.yes ?? false,
    protectionOff: v['protection-off'] ?? false,
    timeouts: parseTimeouts(v.timeout ?? []),
  };
}

/** Parses a command line of one of the three commands (as the command does). */
export function parseDeployArgs(command: DeployCommand, argv: readonly string[]): CommandOptions {
  return commandOptions(command, parseCommandLine(SPECS[command], argv).options);
}

const SUMMARIES: Record<DeployCommand, string> = {
  plan: 'Synthesizes, runs the compliance gate, terraform init, and saves plan.tfplan with a summary of what it would change.',
  deploy:
    'Applies the saved plan of the current synthesis (never a plan of other sources), then writes cfn-outputs/flat-outputs.json.',
  destroy:
    "Destroys an environment, keeping what its profile retains (prod's database, keys and log buckets): after a checked state backup, one saved plan forgets the retained resources and destroys the rest; nothing in the state changes before that plan has succeeded.",
};

const EXAMPLES: Record<DeployCommand, readonly string[]> = {
  plan: [
    'npm run plan -- --env dev',
    'npm run plan -- --all --json',
    'npm run plan -- --account main',
  ],
  deploy: ['npm run deploy -- --env dev', 'npm run deploy -- --account main'],
  destroy: [
    'npm run destroy -- --env dev --yes',
    'npm run destroy -- --env prod --confirm-destroy payment-prod',
  ],
};

function makeCommand<C extends DeployCommand>(command: C): Command {
  return defineCommand({
    name: command,
    summary: SUMMARIES[command],
    options: SPECS[command] as OptionSpecs,
    examples: EXAMPLES[command],
    run: async ({ options }, io) => {
      const typed = commandOptions(command, options as Values<C>);
      const deployIo = { ...io, projectRoot: io.cwd };
      await runCommand(typed, {
        ...deployIo,
        synthesize: (envs) => synthesizeAndGate(envs, deployIo),
        synthesizeAccount: (name) => synthesizeAccountAndGate(name, deployIo),
      });
      return 0;
    },
  });
}

export const planCommand = makeCommand('plan');
export const deployCommand = makeCommand('deploy');
export const destroyCommand = makeCommand('destroy');
