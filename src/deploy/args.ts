import { UsageError } from './errors';
import type { Step } from './terraform';
import { parseDuration, STEPS } from './terraform';

export type Command = 'plan' | 'deploy' | 'destroy';

export interface CommandOptions {
  readonly command: Command;
  /** Environments named with --env (empty: the one the environment variables describe). */
  readonly environments: readonly string[];
  readonly all: boolean;
  /** plan: also write the plan's JSON (`plan.json` in the stack folder). */
  readonly json: boolean;
  /** plan: move the state to a changed backend (terraform init -migrate-state). */
  readonly migrateState: boolean;
  /** deploy: stateful resources a prod plan may replace or destroy, by address. */
  readonly allowReplace: readonly string[];
  /** destroy: the stack name a prod destroy must be confirmed with. */
  readonly confirmDestroy: string | undefined;
  /** destroy: go ahead on dev and staging without asking. */
  readonly yes: boolean;
  /** destroy: deletion protection was turned off outside Terraform (the ALB's). */
  readonly protectionOff: boolean;
  /** Time limits per Terraform step that replace the defaults (milliseconds). */
  readonly timeouts?: Readonly<Partial<Record<Step, number>>>;
}

const FLAGS: Readonly<Record<Command, readonly string[]>> = {
  plan: ['--env', '--all', '--json', '--migrate-state', '--timeout'],
  deploy: ['--env', '--all', '--allow-replace', '--timeout'],
  destroy: ['--env', '--all', '--confirm-destroy', '--yes', '--protection-off', '--timeout'],
};

const TIMEOUT_USAGE = `  --timeout <step>=<duration>  time limit of a Terraform step (${STEPS.join(', ')}), e.g. apply=90m; repeatable`;

export function usage(command: Command): string {
  const lines: Record<Command, string> = {
    plan: `Usage: npm run plan -- [--env <name> | --all] [--json] [--migrate-state]
  synthesizes, runs the compliance gate, terraform init, and saves plan.tfplan with a summary
  --env <name>        environment (dev, staging, prod, or a suffix such as pr123); repeatable
  --all               every environment in config/ (dev, staging and prod without one)
  --json              also write the plan as JSON to cdktf.out/stacks/<stack>/plan.json
  --migrate-state     the backend changed: copy the state to the new one (never -reconfigure)
${TIMEOUT_USAGE}`,
    deploy: `Usage: npm run deploy -- [--env <name> | --all] [--allow-replace <address>]...
  applies the saved plan of the current synthesis, then writes cfn-outputs/flat-outputs.json
  --allow-replace <address>  prod: allow this plan to replace or destroy this stateful resource
${TIMEOUT_USAGE}`,
    destroy: `Usage: npm run destroy -- [--env <name> | --all] (--yes | --confirm-destroy <stack>)
  backs up the state, then one saved plan forgets what the profile retains (left in AWS) and
  destroys the rest; nothing in the state changes before that plan has succeeded
  --yes                       go ahead (dev, staging and other non-prod stacks)
  --confirm-destroy <stack>   required for prod: the stack's name, e.g. payment-prod
  --protection-off            the ALB's deletion protection was turned off with the AWS CLI
${TIMEOUT_USAGE}`,
  };
  return lines[command];
}

export function parseCommandArgs(
  command: Command,
  args: readonly string[],
): CommandOptions | 'help' {
  const environments: string[] = [];
  const allowReplace: string[] = [];
  let all = false;
  let json = false;
  let migrateState = false;
  let confirmDestroy: string | undefined;
  let yes = false;
  let protectionOff = false;
  const timeouts: Partial<Record<Step, number>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (flag === '--help' || flag === '-h') return 'help';
    if (!FLAGS[command].includes(flag)) {
      throw new UsageError(`unknown argument "${arg}" for ${command}`);
    }
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || v.startsWith('--')) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--env': {
        const name = value();
        if (!/^[a-z][a-z0-9-]{0,19}$/.test(name)) {
          throw new UsageError(
            `--env "${name}" is not an environment name (lowercase letters, digits and -, starting with a letter). Example: --env dev`,
          );
        }
        environments.push(name);
        break;
      }
      case '--all':
        all = true;
        break;
      case '--json':
        json = true;
        break;
      case '--migrate-state':
        migrateState = true;
        break;
      case '--allow-replace':
        allowReplace.push(value());
        break;
      case '--confirm-destroy':
        confirmDestroy = value();
        break;
      case '--yes':
        yes = true;
        break;
      case '--protection-off':
        protectionOff = true;
        break;
      case '--timeout': {
        const text = value();
        const [step, duration] = text.split('=', 2);
        const ms = duration === undefined ? undefined : parseDuration(duration);
        if (!(STEPS as readonly string[]).includes(step ?? '') || ms === undefined) {
          throw new UsageError(
            `--timeout "${text}" is not <step>=<duration> with a step of ${STEPS.join(', ')} and a duration in s, m or h. Example: --timeout apply=90m`,
          );
        }
        timeouts[step as Step] = ms;
        break;
      }
    }
  }
  if (all && environments.length > 0) throw new UsageError('--all cannot be combined with --env');
  return {
    command,
    environments,
    all,
    json,
    migrateState,
    allowReplace,
    confirmDestroy,
    yes,
    protectionOff,
    timeouts,
  };
}
