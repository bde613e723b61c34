import type { Step } from './terraform';

/** What plan, deploy and destroy are asked to do; the command line builds it (src/cli/commands/deploy.ts). */
export type Command = 'plan' | 'deploy' | 'destroy';

export interface CommandOptions {
  readonly command: Command;
  /** Environments named with --env (empty: the one the environment variables describe). */
  readonly environments: readonly string[];
  readonly all: boolean;
  /**
   * `--account NAME` (plan and deploy): the account baseline of `config/accounts/<name>.json`
   * instead of environments (docs/account-baseline.md).
   */
  readonly account?: string;
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
  /** Time limits per Terraform step that replace the defaults (milliseconds). */
  readonly timeouts?: Readonly<Partial<Record<Step, number>>>;
}

/** Options for one command with nothing asked beyond it, for callers that are not the command line. */
export function commandOptionsFor(
  command: Command,
  extra: Partial<CommandOptions> = {},
): CommandOptions {
  return {
    command,
    environments: [],
    all: false,
    json: false,
    migrateState: false,
    allowReplace: [],
    confirmDestroy: undefined,
    yes: false,
    protectionOff: false,
    ...extra,
  };
}
