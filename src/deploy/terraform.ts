import { spawnSync } from 'node:child_process';
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

/**
 * Finds the binary: TF_BINARY when set, else `terraform`, else `tofu` on PATH. Refuses versions
 * below 1.10 and says what to install when there is none.
 */
export function findTerraform(env: Readonly<Record<string, string | undefined>>): TerraformBinary {
  const chosen = env.TF_BINARY?.trim();
  const candidates = chosen ? [chosen] : ['terraform', 'tofu'];
  for (const command of candidates) {
    const result = spawnSync(command, ['version', '-json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    if (result.error) {
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
    return { command, flavour, version, env };
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

/** Runs the binary; output goes to the terminal unless captured. Never throws on a non-zero exit. */
export function runTerraform(
  binary: TerraformBinary,
  args: readonly string[],
  options: RunOptions,
): RunResult {
  const result = spawnSync(binary.command, [...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, ...binary.env, ...options.env, TF_IN_AUTOMATION: '1' },
    stdio: options.capture ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) {
    throw new DeployError(`${binary.command} ${args[0] ?? ''}: ${result.error.message}`);
  }
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

/** Runs the binary and fails with a DeployError naming the step when it exits non-zero. */
export function mustRun(
  binary: TerraformBinary,
  args: readonly string[],
  options: RunOptions,
  step: string,
): RunResult {
  const result = runTerraform(binary, args, options);
  if (result.status !== 0) {
    throw new DeployError(
      `${step} failed: \`${binary.command} ${args.join(' ')}\` exited ${result.status} in ${options.cwd}`,
    );
  }
  return result;
}
