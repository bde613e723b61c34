/**
 * The environment a rehearsal deploys: derived from a committed one (its `config/<name>.json`,
 * its profile), never replacing it. What changes is what points at AWS: every account in an
 * ARN or an ECR image becomes the emulator's, the accounts the provider may act in become the
 * emulator's, and the certificate is one imported into the emulator. No state backend: the
 * rehearsal keeps its state in its own folder (the overlay's local backend).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputProblem } from '../errors/problems';
import { EMULATOR_ACCOUNT } from './emulator';

/** Accounts in ARNs (`arn:aws:iam::111122223333:role/x`) and ECR registries. */
const ACCOUNT_IN_ARN = /(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:)(\d{12})(:)/g;
const ACCOUNT_IN_REGISTRY = /\b(\d{12})(\.dkr\.ecr\.)/g;

export interface DerivedEnvironment {
  /** The rehearsal's `config/<name>.json`. */
  readonly config: Record<string, unknown>;
  /** The committed file it came from, or undefined (an environment of defaults). */
  readonly from: string | undefined;
}

export function deriveEnvironment(
  projectRoot: string,
  name: string,
  certificateArn: string,
): DerivedEnvironment {
  const file = join(projectRoot, 'config', `${name}.json`);
  let committed: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      committed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new InputProblem(`config/${name}.json: not JSON (${(error as Error).message})`);
    }
  }
  const text = JSON.stringify(committed)
    .replace(ACCOUNT_IN_ARN, `$1${EMULATOR_ACCOUNT}$3`)
    .replace(ACCOUNT_IN_REGISTRY, `${EMULATOR_ACCOUNT}$2`);
  // No state backend: the rehearsal's state stays in its own folder.
  const { backend: _backend, ...config } = JSON.parse(text) as Record<string, unknown>;
  return {
    config: {
      ...config,
      allowedAccountIds: [EMULATOR_ACCOUNT],
      certificate: { certificateArn },
    },
    from: existsSync(file) ? `config/${name}.json` : undefined,
  };
}
