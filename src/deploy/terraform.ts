/**
 * Terraform (or OpenTofu) as a well-behaved child process:
 * - every step has a time limit (`--timeout <step>=<duration>`, defaults in STEP_LIMITS); past
 *   it Terraform is interrupted the way Ctrl-C would, given a grace period to save its state and
 *   release its lock, and only then killed;
 * - SIGINT and SIGTERM sent to this command (a CI job cancelled, Ctrl-C) are forwarded to
 *   Terraform once each, and the command waits for it to exit before it stops, saying what
 *   state the lock and the stack are in. Terraform runs in its own process group, so Ctrl-C
 *   at a terminal reaches it exactly once, through us (a second interrupt makes Terraform stop
 *   at once, as its own message warns);
 * - it runs with umask 077, so the state, its `.backup` and the saved plans it writes are
 *   never readable by others, not even for a moment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { DeployError } from './errors';

/** Terraform or OpenTofu 1.10 or later: S3-native state locking (`use_lockfile`) needs it. */
export const MINIMUM_VERSION = [1, 10, 0] as const;

export interface TerraformBinary {
  /** Command as found (`terraform`, `tofu`, or the value of TF_BINARY). */
  readonly command: string;
  /** `terraform` or `tofu`, as the binary reports itself. */
  readonly flavour: 'terraform' | 'tofu';
  readonly version: string;
  /** Environment it was found in and runs with (PATH, TF_CLI_CONFIG_FILE, AWS settings). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Time limits per step (defaults: STEP_LIMITS). */
  readonly limits?: StepLimits;
  /** A file Terraform's output is appended to, instead of the terminal (the rehearsal's). */
  readonly outputLog?: string;
}

/** The steps that have their own time limit: Terraform's subcommands as this project runs them. */
export const STEPS = ['version', 'init', 'plan', 'show', 'apply', 'output', 'state'] as const;
export type Step = (typeof STEPS)[number];

export interface StepLimit {
  /** Milliseconds the step may take before Terraform is interrupted. */
  readonly timeoutMs: number;
  /** Milliseconds Terraform then has to stop by itself before it is killed. */
  readonly graceMs: number;
}

export type StepLimits = Readonly<Record<Step, StepLimit>>;

const MINUTE = 60_000;

/**
 * Defaults: generous for the steps that talk to AWS (an Aurora cluster takes 10-20 minutes to
 * create, a destroy that waits for ENIs to detach longer), short for the local ones. The grace
 * period of an apply is long because Terraform finishes the calls already in flight before it
 * stops; killing it sooner risks resources AWS created that the state does not record.
 */
export const STEP_LIMITS: StepLimits = {
  version: { timeoutMs: 30_000, graceMs: 5_000 },
  init: { timeoutMs: 15 * MINUTE, graceMs: MINUTE },
  plan: { timeoutMs: 30 * MINUTE, graceMs: 2 * MINUTE },
  show: { timeoutMs: 5 * MINUTE, graceMs: 30_000 },
  apply: { timeoutMs: 180 * MINUTE, graceMs: 20 * MINUTE },
  output: { timeoutMs: 5 * MINUTE, graceMs: 30_000 },
  state: { timeoutMs: 5 * MINUTE, graceMs: 30_000 },
};

/** `30s`, `15m`, `2h` -> milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return n > 0 ? n * unit : undefined;
}

/** The defaults with the given timeouts replaced (`{ apply: 5_400_000 }`). */
export function stepLimits(timeouts: Readonly<Partial<Record<Step, number>>>): StepLimits {
  const limits = { ...STEP_LIMITS } as Record<Step, StepLimit>;
  for (const step of STEPS) {
    const timeoutMs = timeouts[step];
    if (timeoutMs !== undefined) {
      limits[step] = { timeoutMs, graceMs: Math.min(limits[step].graceMs, timeoutMs) };
    }
  }
  return limits;
}

function stepOf(args: readonly string[]): Step {
  const first = args[0] ?? '';
  return (STEPS as readonly string[]).includes(first) ? (first as Step) : 'plan';
}

export interface RunOptions {
  readonly cwd: string;
  /** Capture standard output (for `show -json`, `output -json`, `state pull`). */
  readonly capture?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
}

/** How a step ended early: a time limit or a signal sent to this command. */
export type Interruption =
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'signal'; readonly signal: NodeJS.Signals };

/**
 * Terraform was interrupted (a time limit or a signal). `killed`: it did not stop within the
 * grace period and was killed, so it could neither save its state nor release its lock.
 */
export class TerraformInterrupted extends DeployError {
  constructor(
    message: string,
    readonly step: Step,
    readonly interruption: Interruption,
    readonly killed: boolean,
  ) {
    super(message);
  }
}

/**
 * Finds the binary: TF_BINARY when set, else `terraform`, else `tofu` on PATH. Refuses versions
 * below 1.10 and says what to install when there is none. `version -json` has a time limit.
 */
export function findTerraform(
  env: Readonly<Record<string, string | undefined>>,
  limits: StepLimits = STEP_LIMITS,
): TerraformBinary {
  const chosen = env.TF_BINARY?.trim();
  const candidates = chosen ? [chosen] : ['terraform', 'tofu'];
  for (const command of candidates) {
    const result = spawnSync(command, ['version', '-json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: limits.version.timeoutMs,
      killSignal: 'SIGKILL',
    });
    if (result.error) {
      if ((result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
        throw new DeployError(
          `\`${command} version -json\` did not answer within ${describeMs(limits.version.timeoutMs)} and was stopped; nothing was run. Check that "${command}" is Terraform or OpenTofu (or raise the limit: --timeout version=2m)`,
        );
      }
      if (chosen) {
        throw new DeployError(
          `TF_BINARY: "${chosen}" cannot be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); set it to a Terraform or OpenTofu 1.10+ binary on PATH. Example: TF_BINARY=tofu`,
        );
      }
      continue;
    }
    const version = parseVersionOutput(result.stdout);
    if (!version) {
      throw new DeployError(
        `${command} version -json printed no version (status ${result.status ?? 'unknown'}); is "${command}" Terraform or OpenTofu?`,
      );
    }
    if (!atLeast(version, MINIMUM_VERSION)) {
      throw new DeployError(
        `${command} ${version} is too old: these stacks need Terraform or OpenTofu ${MINIMUM_VERSION.join('.')} or later (S3-native state locking, use_lockfile). Install a newer one, or set TF_BINARY. Example: TF_BINARY=tofu`,
      );
    }
    const flavour = /tofu/i.test(result.stdout) || /tofu$/.test(command) ? 'tofu' : 'terraform';
    return { command, flavour, version, env, limits };
  }
  throw new DeployError(
    'Neither terraform nor tofu is on PATH. Install Terraform 1.10+ (https://developer.hashicorp.com/terraform/install) or OpenTofu 1.10+ (https://opentofu.org/docs/intro/install/), or set TF_BINARY to its path.',
  );
}

/** `terraform version -json` (OpenTofu prints the same `terraform_version` key). */
export function parseVersionOutput(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { terraform_version?: unknown };
    return typeof parsed.terraform_version === 'string' ? parsed.terraform_version : undefined;
  } catch {
    return /v?(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  }
}

export function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    const want = minimum[i] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== want) return have > want;
  }
  return true;
}

export function describeMs(ms: number): string {
  if (ms % (60 * MINUTE) === 0) return `${ms / (60 * MINUTE)}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** A signal received between two steps, while no Terraform ran: the next step does not start. */
let pendingSignal: NodeJS.Signals | undefined;

/**
 * Runs `work` with SIGINT and SIGTERM caught for its whole duration: a signal that arrives
 * between two Terraform steps stops the command before the next one instead of killing it
 * half-way through its own bookkeeping (a backup, a record).
 */
export async function withSignalsCaught<T>(work: () => Promise<T>): Promise<T> {
  pendingSignal = undefined;
  const remember = (signal: NodeJS.Signals) => {
    pendingSignal ??= signal;
  };
  for (const s of FORWARDED) process.on(s, remember);
  try {
    return await work();
  } finally {
    for (const s of FORWARDED) process.off(s, remember);
    pendingSignal = undefined;
  }
}

/**
 * Runs the binary; output goes to the terminal unless captured. Resolves with the exit status
 * (never rejects on a non-zero exit); rejects with `TerraformInterrupted` when the step's time
 * limit passed or this process received SIGINT or SIGTERM, after Terraform has exited.
 */
export function runTerraform(
  binary: TerraformBinary,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const step = stepOf(args);
  const limit = (binary.limits ?? STEP_LIMITS)[step];
  const shown = `${binary.command} ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    if (pendingSignal) {
      const interruption: Interruption = { kind: 'signal', signal: pendingSignal };
      reject(
        new TerraformInterrupted(
          `${pendingSignal} was received before \`${shown}\` started, so it did not run. No Terraform process holds the state lock; nothing in the state or in AWS was changed by this step.`,
          step,
          interruption,
          false,
        ),
      );
      return;
    }
    // Through sh with umask 077 (inherited by exec): Terraform's files (state, .backup, saved
    // plans) are 0600 from birth, whatever this process's umask.
    const posix = process.platform !== 'win32';
    const log = binary.outputLog ? openSync(binary.outputLog, 'a', 0o600) : undefined;
    const child = spawn(
      posix ? '/bin/sh' : binary.command,
      posix ? ['-c', 'umask 077 && exec "$0" "$@"', binary.command, ...args] : [...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...binary.env, ...options.env, TF_IN_AUTOMATION: '1' },
        stdio:
          log !== undefined
            ? ['ignore', options.capture ? 'pipe' : log, log]
            : options.capture
              ? ['inherit', 'pipe', 'inherit']
              : 'inherit',
        // Its own process group: a terminal's Ctrl-C reaches it once, through us.
        detached: posix,
      },
    );
    if (log !== undefined) closeSync(log);
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    let interruption: Interruption | undefined;
    let killed = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const interrupt = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const startGrace = () => {
      graceTimer ??= setTimeout(() => {
        killed = true;
        interrupt('SIGKILL');
      }, limit.graceMs);
    };
    const timer = setTimeout(() => {
      interruption ??= { kind: 'timeout', afterMs: limit.timeoutMs };
      interrupt('SIGINT');
      startGrace();
    }, limit.timeoutMs);
    const onSignal = (signal: NodeJS.Signals) => {
      interruption ??= { kind: 'signal', signal };
      interrupt(signal);
    };
    for (const s of FORWARDED) process.on(s, onSignal);
    const cleanUp = () => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      for (const s of FORWARDED) process.off(s, onSignal);
    };
    child.on('error', (error) => {
      cleanUp();
      reject(new DeployError(`${binary.command} ${args[0] ?? ''}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      cleanUp();
      const stdout = Buffer.concat(chunks).toString('utf8');
      if (interruption) {
        reject(
          new TerraformInterrupted(
            interruptedMessage(shown, options.cwd, step, interruption, killed),
            step,
            interruption,
            killed,
          ),
        );
        return;
      }
      resolve({ status: code ?? (signal ? 128 : 1), stdout });
    });
  });
}

/** What state the lock and the stack are in after an interrupted step. */
function interruptedMessage(
  shown: string,
  cwd: string,
  step: Step,
  interruption: Interruption,
  killed: boolean,
): string {
  const why =
    interruption.kind === 'timeout'
      ? `ran longer than its limit of ${describeMs(interruption.afterMs)} (raise it with --timeout ${step}=<duration>)`
      : `was interrupted by ${interruption.signal}, which was passed on to Terraform`;
  const lock = killed
    ? 'Terraform did not stop within its grace period and was killed: it may still hold the state lock (a local state is unlocked by its exit; an S3 lock file stays until `terraform force-unlock <ID>`, with the ID the next command prints).'
    : 'Terraform stopped by itself and released the state lock.';
  const stack =
    step === 'apply'
      ? 'The apply stopped part-way: Terraform kept in the state what it had changed so far, so the environment is between the old and the new configuration. Run `npm run plan` to see what remains.'
      : step === 'init'
        ? 'Only the working directory (.terraform/) may be incomplete; nothing in the state or in AWS changed. Run the command again.'
        : 'Nothing in the state or in AWS was changed by this step.';
  return `\`${shown}\` in ${cwd} ${why}. ${lock} ${stack}`;
}

/** Runs the binary and fails with a DeployError naming the step when it exits non-zero. */
export async function mustRun(
  binary: TerraformBinary,
  args: readonly string[],
  options: RunOptions,
  step: string,
): Promise<RunResult> {
  const result = await runTerraform(binary, args, options);
  if (result.status !== 0) {
    throw new DeployError(
      `${step} failed: \`${binary.command} ${args.join(' ')}\` exited ${result.status} in ${options.cwd}`,
    );
  }
  return result;
}

/** The same error (an interruption stays one) with `more` appended to its message. */
export function withMore(error: DeployError, more: string): DeployError {
  const message = `${error.message}\n${more}`;
  if (error instanceof TerraformInterrupted) {
    return new TerraformInterrupted(message, error.step, error.interruption, error.killed);
  }
  return new DeployError(message);
}
