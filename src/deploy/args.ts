import { UsageError } from './errors';

export type Command = 'plan' | 'deploy' | 'destroy';

export interface CommandOptions {
  readonly command: Command;
  /** Environments named with --env (empty: the one the environment variables describe). */
  readonly environments: readonly string[];
  readonly all: boolean;
  /** `--ephemeral NAME`: a short-lived copy of the one `--env` environment (never prod). */
  readonly ephemeral?: string;
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
}

const FLAGS: Readonly<Record<Command, readonly string[]>> = {
  plan: ['--env', '--all', '--ephemeral', '--json', '--migrate-state'],
  deploy: ['--env', '--all', '--ephemeral', '--allow-replace'],
  destroy: ['--env', '--all', '--ephemeral', '--confirm-destroy', '--yes', '--protection-off'],
};

export function usage(command: Command): string {
  const lines: Record<Command, string> = {
    plan: `Usage: npm run plan -- [--env <name> | --all] [--json] [--migrate-state]
  synthesizes, runs the compliance gate, terraform init, and saves plan.tfplan with a summary
  --env <name>        environment (dev, staging, prod, or a suffix such as pr123); repeatable
  --all               every environment file in config/
  --ephemeral <name>  a short-lived copy of the one --env environment under its own name (not prod)
  --json              also write the plan as JSON to cdktf.out/stacks/<stack>/plan.json
  --migrate-state     the backend changed: copy the state to the new one (never -reconfigure)`,
    deploy: `Usage: npm run deploy -- [--env <name> | --all] [--allow-replace <address>]...
  applies the saved plan of the current synthesis, then writes cfn-outputs/flat-outputs.json
  --allow-replace <address>  prod: allow this plan to replace or destroy this stateful resource`,
    destroy: `Usage: npm run destroy -- [--env <name> | --all] (--yes | --confirm-destroy <stack>)
  takes retained resources out of Terraform's state, then destroys the rest
  --yes                       go ahead (dev, staging and other non-prod stacks)
  --confirm-destroy <stack>   required for prod: the stack's name, e.g. payment-prod
  --protection-off            the ALB's deletion protection was turned off with the AWS CLI`,
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
  let ephemeral: string | undefined;
  let json = false;
  let migrateState = false;
  let confirmDestroy: string | undefined;
  let yes = false;
  let protectionOff = false;
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
      case '--ephemeral':
        ephemeral = value();
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
    }
  }
  if (all && environments.length > 0) throw new UsageError('--all cannot be combined with --env');
  return {
    command,
    environments,
    all,
    ...(ephemeral !== undefined ? { ephemeral } : {}),
    json,
    migrateState,
    allowReplace,
    confirmDestroy,
    yes,
    protectionOff,
  };
}
